package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API of master data: item mappings one by one and imported from CSV, all or nothing,
 * and the quarantine of events waiting for their mapping.
 */
class MasterDataAdminIT {

  static final String MAPPINGS = "/v1/admin/item-mappings";
  static final String IMPORT = "/v1/admin/item-mappings:import";

  static TestStack stack;

  @BeforeAll
  static void start() {
    stack = TestStack.start(true, false);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void creates_gtin_and_partner_mappings_once_and_answers_a_repeat_with_the_stored_one() {
    HttpResponse<String> gtin = postMapping("{\"sku\":\"SKU-1\",\"gtin\":\"04006381333931\"}");
    HttpResponse<String> partner = postMapping("{\"sku\":\"SKU-1\",\"source\":\"tpl-northwind\",\"partnerCode\":\"NW 7/A\"}");
    HttpResponse<String> again = postMapping("{\"gtin\":\"04006381333931\",\"sku\":\"SKU-1\"}");

    assertThat(gtin.statusCode()).as(gtin.body()).isEqualTo(201);
    JsonObject created = new JsonObject(gtin.body());
    assertThat(created.getString("kind")).isEqualTo("gtin");
    assertThat(created.getString("gtin")).isEqualTo("04006381333931");
    assertThat(created.getString("createdBy")).isEqualTo("tests");
    assertThat(gtin.headers().firstValue("Location")).hasValue(MAPPINGS + "?kind=gtin&code=04006381333931");
    assertThat(partner.statusCode()).as(partner.body()).isEqualTo(201);
    assertThat(new JsonObject(partner.body()).getString("partnerCode")).isEqualTo("NW 7/A");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(again.body())).isEqualTo(created);
    assertThat(stack.ledger.count("SELECT count(*) FROM item_mapping WHERE code = ? AND created_by = 'tests'",
      "04006381333931")).isEqualTo(1);

    // the Location lists exactly the mapping, with its code encoded
    JsonArray shown = new JsonObject(stack.get(partner.headers().firstValue("Location").orElseThrow()).body())
      .getJsonArray("mappings");
    assertThat(shown).hasSize(1);
    assertThat(shown.getJsonObject(0).getString("source")).isEqualTo("tpl-northwind");
  }

  @Test
  void a_code_already_mapped_to_another_sku_is_a_409_naming_that_sku() {
    assertThat(postMapping("{\"sku\":\"SKU-A\",\"source\":\"tpl-x\",\"partnerCode\":\"X-1\"}").statusCode()).isEqualTo(201);

    HttpResponse<String> conflict = postMapping("{\"sku\":\"SKU-B\",\"source\":\"tpl-x\",\"partnerCode\":\"X-1\"}");
    // the same code of another source is another mapping
    HttpResponse<String> otherSource = postMapping("{\"sku\":\"SKU-B\",\"source\":\"tpl-y\",\"partnerCode\":\"X-1\"}");

    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(conflict.body());
    assertThat(problem.getString("type")).isEqualTo("https://stocksync.io/problems/mapping-conflict");
    assertThat(problem.getString("detail")).isEqualTo(
      "partner code 'X-1' of source 'tpl-x' is already mapped to SKU 'SKU-A'; a code maps to one SKU");
    assertThat(problem.getString("existingSku")).isEqualTo("SKU-A");
    assertThat(otherSource.statusCode()).isEqualTo(201);
    assertThat(stack.ledger.count("SELECT count(*) FROM item_mapping WHERE code = 'X-1' AND sku = 'SKU-B'")).isEqualTo(1);
  }

  @Test
  void an_invalid_mapping_is_a_422_naming_each_bad_field() {
    JsonObject badGtin = invalid("{\"sku\":\"SKU-1\",\"gtin\":\"4006-381\"}");
    JsonObject both = invalid("{\"sku\":\"SKU-1\",\"gtin\":\"04006381333931\",\"source\":\"tpl-x\",\"partnerCode\":\"P\"}");
    JsonObject several = invalid("{\"source\":\"-bad\",\"partnerCode\":\"\",\"color\":\"red\"}");

    assertThat(badGtin.getString("type")).isEqualTo("https://stocksync.io/problems/invalid-request");
    assertThat(badGtin.getString("detail")).isEqualTo("/gtin must be 8 to 14 digits, was '4006-381'");
    assertThat(both.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/gtin");
    assertThat(several.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
      .containsExactly("/color");
    assertThat(invalid("{\"source\":\"-bad\",\"partnerCode\":\"\"}").getJsonArray("errors").stream()
      .map(e -> ((JsonObject) e).getString("pointer"))).containsExactly("/sku", "/source", "/partnerCode");
    assertThat(invalid("{\"sku\":1,\"gtin\":\"04006381333931\"}").getString("detail")).isEqualTo("/sku must be a string");

    HttpResponse<String> malformed = postMapping("{\"sku\":");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(malformed.body()).getString("type")).endsWith("/malformed-json");
    assertThat(stack.ledger.count("SELECT count(*) FROM item_mapping WHERE sku = 'SKU-1' AND source = 'tpl-x'")).isZero();
  }

  @Test
  void a_client_without_the_admin_scope_gets_403_for_mappings_and_quarantine() {
    String writer = stack.createClient(new ApiClient("mapping-writer", null, ClientClass.WMS,
      Set.of(Scope.EVENTS_WRITE, Scope.INVENTORY_READ), Set.of(), Set.of(), 100, 100, false));

    HttpResponse<String> create = stack.post(MAPPINGS, "application/json",
      "{\"sku\":\"SKU-F\",\"gtin\":\"12345670\"}", writer);
    HttpResponse<String> importing = stack.post(IMPORT, "text/csv", "sku,gtin\nSKU-F,12345670\n", writer);

    assertThat(create.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(create.body()).getString("detail")).contains("'admin'");
    assertThat(importing.statusCode()).isEqualTo(403);
    assertThat(stack.get(MAPPINGS, writer).statusCode()).isEqualTo(403);
    assertThat(stack.get("/v1/admin/quarantine", writer).statusCode()).isEqualTo(403);
    assertThat(stack.ledger.count("SELECT count(*) FROM item_mapping WHERE sku = 'SKU-F'")).isZero();
  }

  @Test
  void a_csv_import_with_a_bad_row_imports_nothing_and_lists_the_row_by_line() {
    String file = "sku,gtin,source,partnerCode\n"
      + "SKU-C1,10000000000017,,\n"
      + "SKU-C2,,tpl-csv,C-2\n"
      + "SKU-C3,1000-17,,\n"
      + "SKU-C4,,tpl-csv,C-4\n";

    HttpResponse<String> refused = stack.post(IMPORT, "text/csv", file);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    JsonObject problem = new JsonObject(refused.body());
    assertThat(problem.getString("type")).endsWith("/invalid-request");
    assertThat(problem.getJsonArray("errors")).containsExactly(new JsonObject()
      .put("line", 4).put("field", "gtin").put("detail", "must be 8 to 14 digits, was '1000-17'"));
    assertThat(stack.ledger.count("SELECT count(*) FROM item_mapping WHERE sku LIKE 'SKU-C%'")).isZero();

    HttpResponse<String> imported = stack.post(IMPORT, "text/csv; charset=utf-8", file.replace("1000-17", "10000000000024"));
    HttpResponse<String> repeated = stack.post(IMPORT, "text/csv", file.replace("1000-17", "10000000000024"));

    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(new JsonObject(imported.body())).isEqualTo(new JsonObject().put("imported", 4).put("unchanged", 0));
    assertThat(new JsonObject(repeated.body())).isEqualTo(new JsonObject().put("imported", 0).put("unchanged", 4));
    assertThat(stack.ledger.count("SELECT count(*) FROM item_mapping WHERE sku LIKE 'SKU-C%' AND created_by = 'tests'"))
      .isEqualTo(4);
  }

  @Test
  void a_csv_import_remapping_a_stored_code_imports_nothing_and_names_the_stored_sku() {
    assertThat(postMapping("{\"sku\":\"SKU-D1\",\"gtin\":\"20000000000016\"}").statusCode()).isEqualTo(201);

    HttpResponse<String> refused = stack.post(IMPORT, "text/csv",
      "partnerCode,source,sku,gtin\nD-9,tpl-d,SKU-D9,\n,,SKU-D2,20000000000016\n");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    JsonObject problem = new JsonObject(refused.body());
    assertThat(problem.getString("type")).endsWith("/mapping-conflict");
    assertThat(problem.getJsonArray("errors")).containsExactly(new JsonObject().put("line", 3).put("field", "gtin")
      .put("detail", "GTIN 20000000000016 is already mapped to SKU 'SKU-D1', not 'SKU-D2'").put("existingSku", "SKU-D1"));
    assertThat(stack.ledger.count("SELECT count(*) FROM item_mapping WHERE code = 'D-9'")).isZero();

    HttpResponse<String> json = stack.post(IMPORT, "application/json", "[]");
    assertThat(json.statusCode()).isEqualTo(415);
    assertThat(new JsonObject(json.body()).getString("detail")).startsWith("send the mappings as text/csv");
  }

  @Test
  void lists_mappings_page_by_page_in_a_stable_order() {
    StringBuilder file = new StringBuilder("sku,source,partnerCode\n");
    for (int i = 0; i < 5; i++) {
      file.append("SKU-PAGED,tpl-page,P-").append(i).append('\n');
    }
    assertThat(stack.post(IMPORT, "text/csv", file.toString()).statusCode()).isEqualTo(200);

    List<String> codes = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      HttpResponse<String> page = stack.get(MAPPINGS + "?sku=SKU-PAGED&kind=partner&limit=2"
        + (next == null ? "" : "&after=" + next));
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      JsonObject body = new JsonObject(page.body());
      body.getJsonArray("mappings").forEach(m -> codes.add(((JsonObject) m).getString("partnerCode")));
      next = body.getString("next");
      pages++;
    } while (next != null);

    assertThat(codes).containsExactly("P-0", "P-1", "P-2", "P-3", "P-4");
    assertThat(pages).isEqualTo(3);
    assertThat(stack.get(MAPPINGS + "?limit=1001").statusCode()).isEqualTo(400);
    assertThat(new JsonObject(stack.get(MAPPINGS + "?after=bogus").body()).getString("type")).endsWith("/invalid-query");
    assertThat(new JsonObject(stack.get(MAPPINGS + "?kind=ean").body()).getString("detail"))
      .isEqualTo("kind must be 'gtin' or 'partner', was 'ean'");
  }

  @Test
  void lists_waiting_and_released_quarantined_events_and_shows_one() {
    UUID waiting = UUID.randomUUID();
    UUID older = UUID.randomUUID();
    UUID released = UUID.randomUUID();
    quarantine(waiting, "tpl-q", "Q-1", "partner", "tpl-q", "NW-1", "2 minutes", null);
    quarantine(older, "wms-q", "Q-2", "gtin", "", "04006381333931", "1 hour", null);
    quarantine(released, "tpl-q", "Q-3", "partner", "tpl-q", "NW-3", "3 hours", "applied");

    JsonArray waitingOnes = list("/v1/admin/quarantine");
    JsonArray releasedOnes = list("/v1/admin/quarantine?status=released");
    JsonArray ofSource = list("/v1/admin/quarantine?status=all&source=tpl-q");

    assertThat(waitingOnes.stream().map(e -> ((JsonObject) e).getString("transactionId")))
      .containsExactly(waiting.toString(), older.toString());
    assertThat(releasedOnes).hasSize(1);
    assertThat(releasedOnes.getJsonObject(0).getString("releasedOutcome")).isEqualTo("applied");
    assertThat(releasedOnes.getJsonObject(0).getString("status")).isEqualTo("released");
    assertThat(ofSource.stream().map(e -> ((JsonObject) e).getString("transactionKey"))).containsExactly("Q-1", "Q-3");

    HttpResponse<String> shown = stack.get("/v1/admin/quarantine/" + older);
    assertThat(shown.statusCode()).isEqualTo(200);
    JsonObject entry = new JsonObject(shown.body());
    assertThat(entry.getString("source")).isEqualTo("wms-q");
    assertThat(entry.getString("type")).isEqualTo("receipt");
    assertThat(entry.getString("lane")).isEqualTo("standard");
    assertThat(entry.getString("reason")).isEqualTo("unknown-item");
    assertThat(entry.getString("detail")).isEqualTo("no SKU is mapped to GTIN 04006381333931");
    assertThat(entry.getJsonObject("missing")).isEqualTo(new JsonObject()
      .put("kind", "gtin").putNull("source").put("code", "04006381333931"));
    assertThat(entry.getInteger("deliveries")).isEqualTo(2);
    assertThat(entry.getInteger("redriveAttempts")).isZero();
    assertThat(entry.getString("releasedAt")).isNull();
    assertThat(entry.getJsonObject("event").getString("transactionKey")).isEqualTo("Q-2");

    assertThat(list("/v1/admin/quarantine?status=all&limit=1")).hasSize(1);
    assertThat(stack.get("/v1/admin/quarantine/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    assertThat(stack.get("/v1/admin/quarantine/Q-2").statusCode()).isEqualTo(400);
    assertThat(stack.get("/v1/admin/quarantine?status=stuck").statusCode()).isEqualTo(400);
  }

  private static HttpResponse<String> postMapping(String body) {
    return stack.post(MAPPINGS, "application/json", body);
  }

  private static JsonObject invalid(String body) {
    HttpResponse<String> response = postMapping(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    return new JsonObject(response.body());
  }

  private static JsonArray list(String path) {
    HttpResponse<String> response = stack.get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getJsonArray("quarantined");
  }

  /** What a worker stores for an event whose item is unmapped, seen first {@code age} ago. */
  private static void quarantine(UUID transactionId, String source, String key, String kind, String missingSource,
      String code, String age, String outcome) {
    String item = kind.equals("gtin") ? "{\"gtin\":\"" + code + "\"}" : "{\"partnerCode\":\"" + code + "\"}";
    String payload = "{\"type\":\"receipt\",\"source\":\"" + source + "\",\"transactionKey\":\"" + key + "\","
      + "\"occurredAt\":\"2026-12-03T10:15:00Z\",\"item\":" + item + ",\"location\":\"DC-Q\",\"quantity\":\"5\","
      + "\"unit\":\"EA\",\"transactionId\":\"" + transactionId + "\"}";
    String detail = kind.equals("gtin") ? "no SKU is mapped to GTIN " + code
      : "no SKU is mapped to partner code " + code + " of source " + missingSource;
    stack.ledger.update("""
      INSERT INTO quarantined_event (source_system, transaction_key, transaction_id, event_type, lane, reason, detail,
        missing_kind, missing_source, missing_code, payload, first_seen, last_seen, deliveries, released_at,
        released_outcome)
      VALUES (?, ?, ?, 'receipt', 'standard', 'unknown-item', ?, ?, ?, ?, ?::jsonb, now() - ?::interval, now(), 2,
        CASE WHEN ?::text IS NULL THEN NULL ELSE now() END, ?)
      """, source, key, transactionId, detail, kind, missingSource, code, payload, age, outcome, outcome);
  }
}
