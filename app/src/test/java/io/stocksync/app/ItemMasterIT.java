package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocksync.workers.MasterDataPolicy;
import io.stocksync.workers.NegativeOnHandPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Items and pack sizes through the admin API, events in packs converted to base units over HTTP and
 * the lanes, a quarantined event released when its pack size is added; and the negative on-hand
 * policy: a refusing source's shipment waits for stock, an allowing source's goes below zero.
 */
class ItemMasterIT {

  static TestStack stack;

  @BeforeAll
  static void start() {
    TestStack.masterData = new MasterDataPolicy(false, NegativeOnHandPolicy.parse("allow", "wms-strict:refuse"));
    try {
      stack = TestStack.start(true, true);
    } finally {
      TestStack.masterData = MasterDataPolicy.DEFAULT;
    }
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static String event(String type, String source, String key, String sku, String location, String quantity, String unit) {
    return "{\"type\":\"" + type + "\",\"source\":\"" + source + "\",\"transactionKey\":\"" + key + "\","
      + "\"occurredAt\":\"2026-12-03T10:15:00Z\",\"item\":{\"sku\":\"" + sku + "\"},\"location\":\"" + location + "\","
      + "\"quantity\":" + quantity + ",\"unit\":\"" + unit + "\"}";
  }

  static String posted(String body) {
    HttpResponse<String> response = stack.postEvent(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return new JsonObject(response.body()).getString("transactionId");
  }

  static HttpResponse<String> pack(String sku, String body) {
    return stack.post("/v1/admin/items/" + sku + "/pack-sizes", "application/json", body);
  }

  @Test
  void pack_sizes_defined_through_the_api_convert_cases_and_pallets_to_the_base_unit() {
    HttpResponse<String> created = stack.put("/v1/admin/items/SKU-MD1", "{\"baseUnit\":\"EA\",\"description\":\"Widget\"}");
    HttpResponse<String> again = stack.put("/v1/admin/items/SKU-MD1", "{\"baseUnit\":\"EA\"}");
    HttpResponse<String> cases = pack("SKU-MD1", "{\"unit\":\"CS\",\"quantity\":12,\"of\":\"EA\"}");
    HttpResponse<String> pallets = pack("SKU-MD1", "{\"unit\":\"PL\",\"quantity\":\"40\",\"of\":\"CS\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/v1/admin/items/SKU-MD1");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(cases.statusCode()).as(cases.body()).isEqualTo(201);
    assertThat(pallets.statusCode()).as(pallets.body()).isEqualTo(201);
    JsonObject item = new JsonObject(stack.get("/v1/admin/items/SKU-MD1").body());
    assertThat(item.getString("description")).isEqualTo("Widget");
    JsonArray packs = item.getJsonArray("packSizes");
    assertThat(packs.encode()).contains("{\"unit\":\"PL\",\"quantity\":\"40\",\"of\":\"CS\",\"baseQuantity\":\"480\"");
    assertThat(new JsonObject(stack.get("/v1/admin/items").body()).getJsonArray("items").encode()).contains("SKU-MD1");

    posted(event("receipt", "wms-md", "MD1-1", "SKU-MD1", "DC-MD", "2", "CS"));
    posted(event("receipt", "wms-md", "MD1-2", "SKU-MD1", "DC-MD", "1", "PL"));
    posted(event("shipment", "wms-md", "MD1-3", "SKU-MD1", "DC-MD", "0.5", "CS"));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
      assertThat(stack.ledger.balance("SKU-MD1", "DC-MD", "on_hand")).isEqualByComparingTo("498"));
    assertThat(stack.ledger.count("SELECT count(*) FROM balance WHERE item = 'SKU-MD1' AND unit <> 'EA'")).isZero();
  }

  @Test
  void the_item_master_refuses_unknown_codes_cross_kind_packs_redefinitions_and_cycles() {
    assertThat(stack.put("/v1/admin/items/SKU-MD3", "{\"baseUnit\":\"EA\"}").statusCode()).isEqualTo(201);
    assertThat(pack("SKU-MD3", "{\"unit\":\"CS\",\"quantity\":6,\"of\":\"EA\"}").statusCode()).isEqualTo(201);

    HttpResponse<String> unknownUnit = stack.put("/v1/admin/items/SKU-MD4", "{\"baseUnit\":\"EACH\"}");
    HttpResponse<String> crossKind = pack("SKU-MD3", "{\"unit\":\"KGM\",\"quantity\":20,\"of\":\"EA\"}");
    HttpResponse<String> redefined = pack("SKU-MD3", "{\"unit\":\"CS\",\"quantity\":10,\"of\":\"EA\"}");
    HttpResponse<String> sameAgain = pack("SKU-MD3", "{\"unit\":\"CS\",\"quantity\":6,\"of\":\"EA\"}");
    HttpResponse<String> baseChange = stack.put("/v1/admin/items/SKU-MD3", "{\"baseUnit\":\"CS\"}");
    HttpResponse<String> noItem = pack("SKU-NOPE", "{\"unit\":\"CS\",\"quantity\":6,\"of\":\"EA\"}");
    HttpResponse<String> tooFine = pack("SKU-MD3", "{\"unit\":\"PK\",\"quantity\":0.0000001,\"of\":\"CS\"}");
    HttpResponse<String> cycle = stack.post("/v1/admin/items:import", "text/csv",
      "sku,unit,quantity,of\nSKU-MD3,PL,40,BX\nSKU-MD3,BX,2,PL\n");

    assertThat(unknownUnit.statusCode()).isEqualTo(422);
    assertThat(unknownUnit.body()).contains("is not a UN/ECE Rec 20 unit code");
    assertThat(crossKind.statusCode()).isEqualTo(422);
    assertThat(crossKind.body()).contains("different kinds of quantity");
    assertThat(redefined.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(redefined.body()).getString("type")).isEqualTo("https://stocksync.io/problems/conflict");
    assertThat(sameAgain.statusCode()).isEqualTo(200);
    assertThat(baseChange.statusCode()).isEqualTo(409);
    assertThat(baseChange.body()).contains("cannot change");
    assertThat(noItem.statusCode()).isEqualTo(404);
    assertThat(tooFine.statusCode()).isEqualTo(422);
    assertThat(cycle.statusCode()).as(cycle.body()).isEqualTo(422);
    assertThat(cycle.body()).contains("defined by each other").contains("\"line\":2").contains("\"line\":3");
    assertThat(stack.ledger.count("SELECT count(*) FROM item_unit WHERE sku = 'SKU-MD3'")).isEqualTo(1);
  }

  @Test
  void an_import_defines_items_and_pack_sizes_in_any_order_all_or_nothing() {
    HttpResponse<String> imported = stack.post("/v1/admin/items:import", "text/csv",
      "sku,baseUnit,description,unit,quantity,of\n"
        + "SKU-IMP,,,PL,40,CS\n"
        + "SKU-IMP,EA,Imported,CS,12,EA\n"
        + "SKU-KG,KGM,Flour,BG,25,KGM\n");

    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(new JsonObject(imported.body())).isEqualTo(new JsonObject(
      "{\"items\":{\"created\":2,\"updated\":0,\"unchanged\":0},\"packSizes\":{\"created\":3,\"unchanged\":0}}"));
    assertThat(new JsonObject(stack.get("/v1/admin/items/SKU-IMP").body()).getJsonArray("packSizes").encode())
      .contains("\"baseQuantity\":\"480\"");

    posted(event("receipt", "wms-md", "IMP-1", "SKU-KG", "DC-MD", "2", "BG"));
    posted(event("receipt", "wms-md", "IMP-2", "SKU-KG", "DC-MD", "500", "GRM"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
      assertThat(stack.ledger.balance("SKU-KG", "DC-MD", "on_hand")).isEqualByComparingTo("50.5"));
  }

  @Test
  void an_event_waiting_for_its_pack_size_is_applied_once_the_api_adds_it() {
    assertThat(stack.put("/v1/admin/items/SKU-MD2", "{\"baseUnit\":\"EA\"}").statusCode()).isEqualTo(201);
    assertThat(pack("SKU-MD2", "{\"unit\":\"CS\",\"quantity\":12,\"of\":\"EA\"}").statusCode()).isEqualTo(201);
    String waiting = posted(event("receipt", "wms-md", "MD2-1", "SKU-MD2", "DC-MD", "2", "PF"));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonObject txn = new JsonObject(stack.get("/v1/transactions/" + waiting).body());
      assertThat(txn.getString("status")).isEqualTo("quarantined");
      assertThat(txn.getJsonArray("stages").encode()).contains("unknown-unit");
    });
    assertThat(stack.ledger.movements("SKU-MD2")).isZero();

    assertThat(pack("SKU-MD2", "{\"unit\":\"PF\",\"quantity\":40,\"of\":\"CS\"}").statusCode()).isEqualTo(201);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(stack.ledger.balance("SKU-MD2", "DC-MD", "on_hand")).isEqualByComparingTo("960");
      assertThat(new JsonObject(stack.get("/v1/transactions/" + waiting).body()).getString("status")).isEqualTo("applied");
    });
  }

  @Test
  void a_refusing_source_cannot_take_on_hand_below_zero_and_its_shipment_waits_for_stock() {
    posted(event("receipt", "wms-strict", "NEG-1", "SKU-NEG", "DC-N", "5", "EA"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
      assertThat(stack.ledger.onHand("SKU-NEG", "DC-N")).isEqualByComparingTo("5"));
    String refused = posted(event("shipment", "wms-strict", "NEG-2", "SKU-NEG", "DC-N", "8", "EA"));
    // another source is allowed: it takes its own position below zero
    posted(event("shipment", "wms-loose", "NEG-3", "SKU-NEG", "DC-L", "8", "EA"));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(stack.ledger.onHand("SKU-NEG", "DC-L")).isEqualByComparingTo("-8");
      JsonObject txn = new JsonObject(stack.get("/v1/transactions/" + refused).body());
      assertThat(txn.getString("status")).isEqualTo("quarantined");
      assertThat(txn.getJsonArray("stages").encode()).contains("insufficient-stock", "would be -3 EA");
    });
    assertThat(stack.ledger.onHand("SKU-NEG", "DC-N")).isEqualByComparingTo("5");
    assertThat(stack.ledger.count("SELECT count(*) FROM inventory_event WHERE transaction_key = 'NEG-2'")).isZero();

    // stock moves, but not enough: tried again, undone, still waiting
    posted(event("receipt", "wms-strict", "NEG-4", "SKU-NEG", "DC-N", "1", "EA"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(stack.ledger.count("SELECT redrive_attempts FROM quarantined_event WHERE transaction_key = 'NEG-2'"))
        .isGreaterThanOrEqualTo(1);
      assertThat(new JsonObject(stack.get("/v1/admin/quarantine/" + refused).body()).getString("detail"))
        .contains("would be -2 EA");
    });
    assertThat(stack.ledger.onHand("SKU-NEG", "DC-N")).isEqualByComparingTo("6");

    posted(event("receipt", "wms-strict", "NEG-5", "SKU-NEG", "DC-N", "10", "EA"));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(stack.ledger.onHand("SKU-NEG", "DC-N")).isEqualByComparingTo("8");
      assertThat(new JsonObject(stack.get("/v1/transactions/" + refused).body()).getString("status")).isEqualTo("applied");
    });
    assertThat(stack.ledger.sumOfMovements("SKU-NEG", "DC-N")).isEqualByComparingTo("8");
    assertThat(stack.ledger.count("SELECT count(*) FROM inventory_event WHERE transaction_key = 'NEG-2'")).isEqualTo(1);
  }
}
