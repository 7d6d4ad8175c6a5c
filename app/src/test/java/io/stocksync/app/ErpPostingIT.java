package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From HTTP to the ERP: an accepted receipt is posted to the reference ERP, and its lineage says so. */
class ErpPostingIT {

  @Test
  void an_applied_event_is_posted_to_the_erp_and_its_lineage_shows_the_erp_document() {
    try (TestStack stack = TestStack.start(true, true)) {
      String erpUrl = stack.node.deployReferenceErp();
      stack.node.deployErpPoster(stack.db, RoleConfigs.erp(Settings.of(Map.of("erp.poll-interval-ms", "50")), erpUrl));

      HttpResponse<String> posted = stack.postEvent(Events.receipt("wms-erp", "E-1", "SKU-ERP", "DC-1", "12"));
      assertThat(posted.statusCode()).isEqualTo(202);
      String id = new JsonObject(posted.body()).getString("transactionId");

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        JsonObject txn = new JsonObject(stack.get("/v1/transactions/" + id).body());
        assertThat(txn.getJsonObject("erp")).isNotNull();
        assertThat(txn.getJsonObject("erp").getString("status")).isEqualTo("posted");
        assertThat(txn.getJsonObject("erp").getString("reference")).isEqualTo("stocksync:" + id);
        assertThat(txn.getJsonArray("stages").encode()).contains("erp_posted", "ERP-");
      });
    }
  }

  @Test
  void without_a_connector_postings_pile_up_in_the_outbox_and_the_backlog_gauge_counts_them() {
    try (TestStack stack = TestStack.start(true, true)) {
      stack.node.deployErpPoster(stack.db, RoleConfigs.erp(Settings.of(Map.of("erp.connector", "none")), null));

      assertThat(stack.postEvent(Events.receipt("wms-erp", "E-2", "SKU-ERP", "DC-1", "5")).statusCode()).isEqualTo(202);
      assertThat(stack.postEvent(Events.receipt("wms-erp", "E-3", "SKU-ERP", "DC-1", "7")).statusCode()).isEqualTo(202);

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(stack.get("/metrics", null).body()).containsPattern("(?m)^stocksync_erp_outbox_backlog 2\\.0$"));
    }
  }
}
