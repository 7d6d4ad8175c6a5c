package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Partner location codes and the location master over HTTP and the lanes: locations are used as sent
 * while the master is empty, a partner's code is mapped for its source, and once locations are known
 * an event naming an unknown one waits in quarantine until its mapping is added through the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocationMasterIT {

  static TestStack stack;

  @BeforeAll
  static void start() {
    stack = TestStack.start(true, true);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static String receipt(String key, String sku, String location, String extra) {
    return "{\"type\":\"receipt\",\"source\":\"tpl-loc\",\"transactionKey\":\"" + key + "\","
      + "\"occurredAt\":\"2026-12-03T10:15:00Z\",\"item\":{\"sku\":\"" + sku + "\"},\"location\":\"" + location + "\","
      + "\"quantity\":3,\"unit\":\"EA\"" + extra + "}";
  }

  static String posted(String body) {
    HttpResponse<String> response = stack.postEvent(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return new JsonObject(response.body()).getString("transactionId");
  }

  static HttpResponse<String> mapping(String body) {
    return stack.post("/v1/admin/location-mappings", "application/json", body);
  }

  @Test
  @Order(1)
  void without_a_location_master_locations_are_used_as_sent_and_partner_codes_are_mapped() {
    HttpResponse<String> created = mapping("{\"source\":\"tpl-loc\",\"partnerCode\":\"NW-DC1\",\"location\":\"DC-EAST\"}");
    HttpResponse<String> again = mapping("{\"source\":\"tpl-loc\",\"partnerCode\":\"NW-DC1\",\"location\":\"DC-EAST\"}");
    HttpResponse<String> conflict = mapping("{\"source\":\"tpl-loc\",\"partnerCode\":\"NW-DC1\",\"location\":\"DC-WEST\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(conflict.body()).getString("existingLocation")).isEqualTo("DC-EAST");

    posted(receipt("L-1", "SKU-LOC", "NW-DC1", ""));
    posted(receipt("L-2", "SKU-LOC", "ANYWHERE-7", ""));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(stack.ledger.onHand("SKU-LOC", "DC-EAST")).isEqualByComparingTo("3");
      assertThat(stack.ledger.onHand("SKU-LOC", "ANYWHERE-7")).isEqualByComparingTo("3");
    });
    assertThat(stack.ledger.count("SELECT count(*) FROM balance WHERE location = 'NW-DC1'")).isZero();
    assertThat(new JsonObject(stack.get("/v1/admin/location-mappings?source=tpl-loc").body()).getJsonArray("mappings"))
      .hasSize(1);
  }

  @Test
  @Order(2)
  void once_locations_are_known_an_unknown_one_waits_until_its_mapping_is_added() {
    assertThat(stack.put("/v1/admin/locations/DC-EAST", "{\"name\":\"East DC\"}").statusCode()).isEqualTo(201);
    assertThat(stack.put("/v1/admin/locations/DC-WEST", "").statusCode()).isEqualTo(201);
    assertThat(new JsonObject(stack.get("/v1/admin/locations").body()).getJsonArray("locations")).hasSize(2);

    String waiting = posted(receipt("L-3", "SKU-LOC2", "NW-DC9", ""));
    String transfer = posted("{\"type\":\"transfer-out\",\"source\":\"tpl-loc\",\"transactionKey\":\"L-4\","
      + "\"occurredAt\":\"2026-12-03T10:15:00Z\",\"item\":{\"sku\":\"SKU-LOC2\"},\"location\":\"DC-EAST\","
      + "\"toLocation\":\"STORE-99\",\"quantity\":1,\"unit\":\"EA\",\"references\":{\"transfer\":\"TR-L\"}}");
    posted(receipt("L-5", "SKU-LOC2", "DC-WEST", ""));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(stack.ledger.onHand("SKU-LOC2", "DC-WEST")).isEqualByComparingTo("3");
      JsonObject quarantined = new JsonObject(stack.get("/v1/admin/quarantine/" + waiting).body());
      assertThat(quarantined.getString("reason")).isEqualTo("unknown-location");
      assertThat(quarantined.getJsonObject("missing").encode()).contains("\"kind\":\"location\"", "\"code\":\"NW-DC9\"");
      assertThat(new JsonObject(stack.get("/v1/admin/quarantine/" + transfer).body()).getString("detail"))
        .contains("STORE-99");
    });
    assertThat(stack.ledger.movements("SKU-LOC2")).isEqualTo(1);

    // a mapping to a location the master lacks is refused: it could never resolve
    HttpResponse<String> toUnknown = mapping("{\"source\":\"tpl-loc\",\"partnerCode\":\"NW-DC9\",\"location\":\"DC-NORTH\"}");
    assertThat(toUnknown.statusCode()).isEqualTo(422);
    HttpResponse<String> imported = stack.post("/v1/admin/location-mappings:import", "text/csv",
      "source,partnerCode,location\ntpl-loc,NW-DC9,DC-WEST\ntpl-loc,NW-DC1,DC-EAST\n");
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(new JsonObject(imported.body()).getInteger("imported")).isEqualTo(1);
    assertThat(new JsonObject(imported.body()).getInteger("unchanged")).isEqualTo(1);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(stack.ledger.onHand("SKU-LOC2", "DC-WEST")).isEqualByComparingTo("6");
      assertThat(new JsonObject(stack.get("/v1/transactions/" + waiting).body()).getString("status")).isEqualTo("applied");
    });
    assertThat(new JsonObject(stack.get("/v1/transactions/" + transfer).body()).getString("status"))
      .isEqualTo("quarantined");

    assertThat(stack.put("/v1/admin/locations/STORE-99", "{}").statusCode()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
      assertThat(stack.ledger.balance("SKU-LOC2", "STORE-99", "in_transit")).isEqualByComparingTo("1"));
  }
}
