package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every event type over HTTP, through the lanes, into the ledger's states; and an event naming its
 * item by a partner code that stocksync does not know yet: quarantined, then applied once mapped.
 */
class EventTypesIT {

  static TestStack stack;

  @BeforeAll
  static void start() {
    stack = TestStack.start(true, true);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static String event(String type, String key, String item, String location, String quantity, String extra) {
    return "{\"type\":\"" + type + "\",\"source\":\"wms-types\",\"transactionKey\":\"" + key + "\","
      + "\"occurredAt\":\"2026-12-03T10:15:00Z\",\"item\":" + item + ",\"location\":\"" + location + "\","
      + "\"quantity\":" + quantity + ",\"unit\":\"EA\"" + extra + "}";
  }

  static String posted(String body) {
    HttpResponse<String> response = stack.postEvent(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return new JsonObject(response.body()).getString("transactionId");
  }

  @Test
  void picks_shipments_transfers_and_status_changes_land_in_their_states() {
    String sku = "{\"sku\":\"SKU-TYPES\"}";
    posted(event("receipt", "T-1", sku, "DC-1", "30", ""));
    posted(event("pick", "T-2", sku, "DC-1", "4", ",\"references\":{\"order\":\"SO-1\"}"));
    posted(event("shipment", "T-3", sku, "DC-1", "4", ",\"fromState\":\"allocated\""));
    posted(event("transfer-out", "T-4", sku, "DC-1", "10", ",\"toLocation\":\"STORE-2\",\"references\":{\"transfer\":\"TR-9\"}"));
    posted(event("transfer-in", "T-5", sku, "STORE-2", "9", ",\"references\":{\"transfer\":\"TR-9\"}"));
    posted(event("status-change", "T-6", sku, "DC-1", "2", ",\"fromState\":\"on_hand\",\"toState\":\"quarantined\""));
    posted(event("return", "T-7", sku, "DC-1", "1", ",\"disposition\":\"damaged\""));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(stack.ledger.balance("SKU-TYPES", "DC-1", "on_hand")).isEqualByComparingTo("14");
      assertThat(stack.ledger.balance("SKU-TYPES", "DC-1", "allocated")).isEqualByComparingTo("0");
      assertThat(stack.ledger.balance("SKU-TYPES", "DC-1", "quarantined")).isEqualByComparingTo("2");
      assertThat(stack.ledger.balance("SKU-TYPES", "DC-1", "damaged")).isEqualByComparingTo("1");
      assertThat(stack.ledger.balance("SKU-TYPES", "STORE-2", "on_hand")).isEqualByComparingTo("9");
      assertThat(stack.ledger.balance("SKU-TYPES", "STORE-2", "in_transit")).isEqualByComparingTo("1");
    });
  }

  @Test
  void an_unknown_partner_code_is_quarantined_then_applied_when_its_mapping_appears() {
    String item = "{\"partnerCode\":\"NW-778812\"}";
    String first = posted(event("receipt", "Q-1", item, "DC-Q", "5", ""));
    // the sender retries the same event: still one quarantined event
    posted(event("receipt", "Q-1", item, "DC-Q", "5", ""));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonObject txn = new JsonObject(stack.get("/v1/transactions/" + first).body());
      assertThat(txn.getString("status")).isEqualTo("quarantined");
      assertThat(txn.getJsonArray("stages").encode()).contains("unknown-item", "NW-778812");
      assertThat(stack.ledger.count("SELECT deliveries FROM quarantined_event WHERE transaction_key = ?", "Q-1"))
        .isEqualTo(2);
    });
    assertThat(stack.ledger.movements("SKU-NW")).isZero();

    stack.ledger.update("INSERT INTO item_mapping (kind, source, code, sku) VALUES ('partner', 'wms-types', 'NW-778812', 'SKU-NW')");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(stack.ledger.onHand("SKU-NW", "DC-Q")).isEqualByComparingTo("5");
      JsonObject txn = new JsonObject(stack.get("/v1/transactions/" + first).body());
      assertThat(txn.getString("status")).isEqualTo("applied");
      assertThat(txn.getJsonArray("stages").encode()).contains("quarantined", "released", "applied");
    });
    assertThat(stack.ledger.movements("SKU-NW")).isEqualTo(1);
  }

  @Test
  void a_gtin_resolves_through_its_mapping_without_quarantine() {
    stack.ledger.update("INSERT INTO item_mapping (kind, code, sku) VALUES ('gtin', '04006381333931', 'SKU-GTIN')");
    posted(event("receipt", "G-1", "{\"gtin\":\"04006381333931\"}", "DC-G", "3", ""));

    await().atMost(Duration.ofSeconds(30))
      .untilAsserted(() -> assertThat(stack.ledger.onHand("SKU-GTIN", "DC-G")).isEqualByComparingTo("3"));
    assertThat(stack.ledger.count("SELECT count(*) FROM quarantined_event WHERE transaction_key = ?", "G-1")).isZero();
  }

  @Test
  void quantities_are_kept_in_the_items_base_unit_and_unknown_packs_wait_in_quarantine() {
    stack.ledger.update("INSERT INTO item (sku, base_unit) VALUES ('SKU-UOM', 'EA')");
    stack.ledger.update("INSERT INTO item_unit (sku, unit, factor) VALUES ('SKU-UOM', 'CS', 12)");
    String sku = "{\"sku\":\"SKU-UOM\"}";
    posted(event("receipt", "U-1", sku, "DC-U", "2", "").replace("\"unit\":\"EA\"", "\"unit\":\"CS\""));
    posted(event("shipment", "U-2", sku, "DC-U", "5", ""));
    posted(event("receipt", "U-3", sku, "DC-U", "1.5", "").replace("\"unit\":\"EA\"", "\"unit\":\"DZN\""));
    String pallet = posted(event("receipt", "U-4", sku, "DC-U", "1", "").replace("\"unit\":\"EA\"", "\"unit\":\"PF\""));
    String kilos = posted(event("receipt", "U-5", sku, "DC-U", "3", "").replace("\"unit\":\"EA\"", "\"unit\":\"KGM\""));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(stack.ledger.balance("SKU-UOM", "DC-U", "on_hand")).isEqualByComparingTo("37");
      assertThat(new JsonObject(stack.get("/v1/transactions/" + pallet).body()).getJsonArray("stages").encode())
        .contains("unknown-unit", "add its pack size");
      assertThat(new JsonObject(stack.get("/v1/transactions/" + kilos).body()).getJsonArray("stages").encode())
        .contains("impossible-conversion", "different kinds of quantity");
    });
    assertThat(stack.ledger.count("SELECT count(*) FROM balance WHERE item = 'SKU-UOM' AND unit <> 'EA'")).isZero();

    stack.ledger.update("INSERT INTO item_unit (sku, unit, factor) VALUES ('SKU-UOM', 'PF', 480)");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
      assertThat(stack.ledger.balance("SKU-UOM", "DC-U", "on_hand")).isEqualByComparingTo("517"));
    assertThat(new JsonObject(stack.get("/v1/transactions/" + kilos).body()).getString("status")).isEqualTo("quarantined");
  }
}
