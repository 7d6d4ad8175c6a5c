package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocksync.erp.ReferenceErpConfig;
import io.stocksync.erp.ReferenceErpVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A journal the ERP refused is listed through the admin API and sent again on request, once. */
class ErpPostingsAdminIT {

  static final String POSTINGS = "/v1/admin/erp-postings";

  @Test
  void a_refused_posting_is_listed_and_sent_again_on_request() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (TestStack stack = TestStack.start(true, true)) {
      ReferenceErpVerticle erp = new ReferenceErpVerticle(ReferenceErpConfig.local());
      vertx.deployVerticle(erp).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      stack.node.deployErpPoster(stack.db, RoleConfigs.erp(Settings.of(Map.of("erp.poll-interval-ms", "50")),
        erp.baseUrl()));
      erp.failNext(1, 422).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      HttpResponse<String> accepted = stack.postEvent(Events.receipt("wms-erp", "ERP-R-1", "SKU-ERP", "DC-1", "3"));
      String id = new JsonObject(accepted.body()).getString("transactionId");
      await().atMost(Duration.ofSeconds(30)).until(() -> listed(stack, "").size() == 1);
      JsonObject refused = listed(stack, "").getJsonObject(0);
      assertThat(refused.getString("transactionId")).isEqualTo(id);
      assertThat(refused.getString("status")).isEqualTo("failed");
      assertThat(refused.getString("lastError")).contains("422");
      assertThat(refused.getString("failedAt")).isNotNull();
      assertThat(new java.math.BigDecimal(refused.getJsonArray("lines").getJsonObject(0).getString("quantity")))
        .isEqualByComparingTo("3");

      // a later posting goes through; the refused one is not sent again by itself
      stack.postEvent(Events.receipt("wms-erp", "ERP-R-2", "SKU-ERP", "DC-1", "1"));
      await().atMost(Duration.ofSeconds(30)).until(() -> listed(stack, "?status=posted").size() == 1);
      assertThat(listed(stack, "").getJsonObject(0).getInteger("attempts")).isEqualTo(1);
      JsonObject failedStage = stage(stack, id, "erp_failed");
      assertThat(failedStage.getString("at")).isEqualTo(refused.getString("failedAt"));
      assertThat(failedStage.getString("error")).contains("422");

      HttpResponse<String> retry = stack.post(POSTINGS + "/" + id + ":retry", "application/json", "");
      assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(30)).until(() -> listed(stack, "?status=posted").size() == 2);
      HttpResponse<String> again = stack.post(POSTINGS + "/" + id + ":retry", "application/json", "");
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(again.body()).getString("detail")).isEqualTo(
        "it is posted, neither failed nor unknown; nothing was done");
      assertThat(listed(stack, "")).isEmpty();

      JsonObject txn = new JsonObject(stack.get("/v1/transactions/" + id).body());
      List<String> names = txn.getJsonArray("stages").stream().map(s -> ((JsonObject) s).getString("stage")).toList();
      assertThat(names).containsSubsequence("applied", "erp_failed", "erp_retry_requested", "erp_posted");
      assertThat(txn.getJsonObject("erp").getString("status")).isEqualTo("posted");
      int seen = erp.stats().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .timesSeen("stocksync:" + id);
      assertThat(seen).as("booked once: the refusal booked nothing").isEqualTo(1);

      assertThat(stack.post(POSTINGS + "/" + java.util.UUID.randomUUID() + ":retry", "application/json", "")
        .statusCode()).isEqualTo(404);
      assertThat(stack.get(POSTINGS + "?status=lost").statusCode()).isEqualTo(400);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  static JsonArray listed(TestStack stack, String query) {
    HttpResponse<String> page = stack.get(POSTINGS + query);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return new JsonObject(page.body()).getJsonArray("postings");
  }

  static JsonObject stage(TestStack stack, String id, String name) {
    return FailedEventsAdminIT.stage(FailedEventsAdminIT.stages(stack, id), name);
  }
}
