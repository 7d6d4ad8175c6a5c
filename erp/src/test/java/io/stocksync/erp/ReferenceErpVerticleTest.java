package io.stocksync.erp;

import static io.stocksync.erp.Awaits.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reference ERP over HTTP, as any client (not only stocksync's connector) sees it. */
@ExtendWith(VertxExtension.class)
class ReferenceErpVerticleTest {

  private ReferenceErpVerticle erp;
  private WebClient http;

  @BeforeEach
  void start_reference_erp(Vertx vertx) {
    erp = new ReferenceErpVerticle(ReferenceErpConfig.local());
    result(vertx.deployVerticle(erp));
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(erp.port()));
  }

  private HttpResponse<Buffer> post(JsonObject journal) {
    return result(http.post("/api/v1/journals").sendJsonObject(journal));
  }

  private HttpResponse<Buffer> get(String uri) {
    return result(http.get(uri).send());
  }

  private static JsonObject journal(String reference, JsonObject... lines) {
    return new JsonObject().put("externalReference", reference).put("lines", new JsonArray(List.of((Object[]) lines)));
  }

  private static JsonObject line(String item, String location, String lot, Object quantity) {
    return new JsonObject().put("item", item).put("location", location).put("lot", lot).put("unit", "EA")
      .put("quantity", quantity).put("movementType", "receipt");
  }

  @Test
  void posting_a_journal_answers_201_with_a_document_id() {
    HttpResponse<Buffer> response = post(journal("REF-1", line("SKU-1", "DC-1", null, "12.5")));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
      .put("documentId", "ERP-000001").put("externalReference", "REF-1").put("status", "posted"));
    assertThat(response.getHeader("X-Duplicate")).isNull();
  }

  @Test
  void reposting_a_reference_answers_200_with_the_same_document_and_books_it_once() {
    post(journal("REF-DUP", line("SKU-1", "DC-1", null, "5")));

    HttpResponse<Buffer> again = post(journal("REF-DUP", line("SKU-1", "DC-1", null, "5")));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.getHeader("X-Duplicate")).isEqualTo("true");
    assertThat(again.bodyAsJsonObject().getString("documentId")).isEqualTo("ERP-000001");
    assertThat(get("/api/v1/balances").bodyAsJsonObject().getJsonArray("balances").getJsonObject(0)
      .getString("quantity")).isEqualTo("5");
    ErpStats stats = result(erp.stats());
    assertThat(stats.received()).isEqualTo(2);
    assertThat(stats.posted()).isEqualTo(1);
    assertThat(stats.duplicates()).isEqualTo(1);
    assertThat(stats.timesSeen("REF-DUP")).isEqualTo(2);
  }

  @Test
  void an_invalid_journal_is_refused_with_400_naming_the_field() {
    HttpResponse<Buffer> badQuantity = post(journal("REF-BAD", line("SKU-1", "DC-1", null, "12,5")));
    HttpResponse<Buffer> noLines = post(new JsonObject().put("externalReference", "REF-EMPTY").put("lines", new JsonArray()));
    HttpResponse<Buffer> notJson = result(http.post("/api/v1/journals").putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer("{not json")));

    assertThat(badQuantity.statusCode()).isEqualTo(400);
    assertThat(badQuantity.bodyAsJsonObject().getString("message")).contains("lines[0].quantity");
    assertThat(noLines.statusCode()).isEqualTo(400);
    assertThat(noLines.bodyAsJsonObject().getString("message")).contains("lines");
    assertThat(notJson.statusCode()).isEqualTo(400);
    ErpStats stats = result(erp.stats());
    assertThat(stats.invalid()).isEqualTo(3);
    assertThat(stats.posted()).isZero();
  }

  @Test
  void a_journal_is_found_by_its_reference_and_an_unknown_one_is_404() {
    post(journal("REF/FIND 1", line("SKU-1", "DC-1", "LOT-7", 3)));

    HttpResponse<Buffer> found = get("/api/v1/journals/REF%2FFIND%201");
    HttpResponse<Buffer> missing = get("/api/v1/journals/REF-NONE");

    assertThat(found.statusCode()).isEqualTo(200);
    JsonObject document = found.bodyAsJsonObject();
    assertThat(document.getString("documentId")).isEqualTo("ERP-000001");
    assertThat(document.getString("status")).isEqualTo("posted");
    assertThat(document.getJsonArray("lines").getJsonObject(0).getString("lot")).isEqualTo("LOT-7");
    assertThat(document.getJsonArray("lines").getJsonObject(0).getString("quantity")).isEqualTo("3");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void balances_are_exact_decimal_sums_per_item_location_lot_and_unit() {
    post(journal("REF-A", line("SKU-1", "DC-1", null, "12.5"), line("SKU-1", "DC-1", "LOT-1", "1")));
    post(journal("REF-B", line("SKU-1", "DC-1", null, 0.1), line("SKU-1", "DC-1", null, "-0.6")));

    JsonArray balances = get("/api/v1/balances?item=SKU-1").bodyAsJsonObject().getJsonArray("balances");

    assertThat(balances).hasSize(2);
    assertThat(balances.getJsonObject(0)).isEqualTo(new JsonObject().put("item", "SKU-1").put("location", "DC-1")
      .putNull("lot").put("unit", "EA").put("quantity", "12"));
    assertThat(balances.getJsonObject(1).getString("lot")).isEqualTo("LOT-1");
  }

  @Test
  void balances_are_paged_with_a_next_page_while_more_remain() {
    JsonObject[] lines = new JsonObject[5];
    for (int i = 0; i < 5; i++) {
      lines[i] = line("SKU-" + i, "DC-1", null, "1");
    }
    post(journal("REF-PAGES", lines));
    post(journal("REF-OTHER", line("SKU-0", "DC-2", null, "1")));

    List<String> items = new ArrayList<>();
    JsonObject page = get("/api/v1/balances?location=DC-1&pageSize=2").bodyAsJsonObject();
    int pages = 1;
    while (true) {
      page.getJsonArray("balances").forEach(row -> items.add(((JsonObject) row).getString("item")));
      if (!page.containsKey("nextPage")) {
        break;
      }
      page = get("/api/v1/balances?location=DC-1&pageSize=2&page=" + page.getInteger("nextPage")).bodyAsJsonObject();
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(page.getLong("total")).isEqualTo(5);
    assertThat(items).containsExactly("SKU-0", "SKU-1", "SKU-2", "SKU-3", "SKU-4");
    assertThat(get("/api/v1/balances?pageSize=0").statusCode()).isEqualTo(400);
  }

  @Test
  void with_a_posting_delay_a_journal_reaches_balances_only_later() {
    result(erp.behave(ErpBehaviour.NORMAL.withPostingDelay(Duration.ofMillis(400))));

    HttpResponse<Buffer> response = post(journal("REF-LATE", line("SKU-LATE", "DC-1", null, "7")));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("pending");
    assertThat(get("/api/v1/balances?item=SKU-LATE").bodyAsJsonObject().getJsonArray("balances")).isEmpty();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() ->
      get("/api/v1/balances?item=SKU-LATE").bodyAsJsonObject().getJsonArray("balances").size() == 1);
    assertThat(get("/api/v1/journals/REF-LATE").bodyAsJsonObject().getString("status")).isEqualTo("posted");
  }

  @Test
  void down_answers_503_and_applies_nothing() {
    result(erp.behave(ErpBehaviour.NORMAL.withDown(true)));

    HttpResponse<Buffer> response = post(journal("REF-DOWN", line("SKU-1", "DC-1", null, "1")));

    assertThat(response.statusCode()).isEqualTo(503);
    ErpStats stats = result(erp.stats());
    assertThat(stats.faulted()).isEqualTo(1);
    assertThat(stats.posted()).isZero();
  }

  @Test
  void the_error_rate_repeats_exactly_for_the_same_seed() {
    ErpBehaviour flaky = ErpBehaviour.NORMAL.withErrors(0.5, 500, 7L);
    result(erp.behave(flaky));
    List<Integer> first = statuses(20);
    result(erp.behave(flaky));
    List<Integer> second = statuses(20);

    assertThat(first).contains(200, 500).isEqualTo(second);
  }

  private List<Integer> statuses(int requests) {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      statuses.add(get("/api/v1/balances").statusCode());
    }
    return statuses;
  }

  @Test
  void admin_behaviour_switches_on_rate_limiting_with_retry_after() {
    HttpResponse<Buffer> put = result(http.put("/admin/behaviour")
      .sendJsonObject(new JsonObject().put("rateLimited", true).put("retryAfterSeconds", 3)));

    HttpResponse<Buffer> limited = post(journal("REF-429", line("SKU-1", "DC-1", null, "1")));

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(erp.behaviour().rateLimited()).isTrue();
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.getHeader("Retry-After")).isEqualTo("3");
    JsonObject stats = get("/admin/stats").bodyAsJsonObject();
    assertThat(stats.getLong("received")).isEqualTo(1);
    assertThat(stats.getLong("faulted")).isEqualTo(1);
    assertThat(result(http.put("/admin/behaviour").sendJsonObject(new JsonObject().put("errorRate", 2)))
      .statusCode()).isEqualTo(400);
  }

  @Test
  void admin_fail_next_scripts_failures_and_reset_forgets_everything() {
    post(journal("REF-KEEP", line("SKU-1", "DC-1", null, "1")));
    result(http.post("/admin/fail-next").sendJsonObject(new JsonObject().put("count", 1).put("status", 502)));

    assertThat(post(journal("REF-FAIL", line("SKU-1", "DC-1", null, "1"))).statusCode()).isEqualTo(502);
    assertThat(post(journal("REF-OK", line("SKU-1", "DC-1", null, "1"))).statusCode()).isEqualTo(201);

    assertThat(result(http.post("/admin/reset").send()).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/journals/REF-KEEP").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/balances").bodyAsJsonObject().getJsonArray("balances")).isEmpty();
    assertThat(result(erp.stats()).received()).isZero();
  }
}
