package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.gateway.LaneRouting;
import io.stocksync.gateway.RoutingRule;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Configured rules route by client class and attributes, not only by event type. */
class RoutingRulesIT {

  static TestStack stack;
  static String partner;

  @BeforeAll
  static void start() {
    TestStack.routing = LaneRouting.defaults().withRules(RoutingRule.parseAll(
      "client-class=partner,type=receipt -> bulk:2; extension.acme:rush=true -> critical:9"));
    try {
      // no workers: the events stay in their lanes, where the test reads them
      stack = TestStack.start(true, false);
    } finally {
      TestStack.routing = LaneRouting.defaults();
    }
    partner = stack.createClient(new ApiClient("routing-partner", null, ClientClass.PARTNER,
      Set.of(Scope.EVENTS_WRITE), Set.of(), Set.of(), 1000, 1000, false));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void a_partners_receipt_goes_to_the_bulk_lane_at_the_rules_priority_while_a_wms_receipt_stays_standard() throws Exception {
    HttpResponse<String> fromPartner = stack.postEvent(Events.receipt("3pl-rules", "RR-1", "SKU-RULE", "DC-1", "1"), partner);
    HttpResponse<String> fromWms = stack.postEvent(Events.receipt("wms-rules", "RR-2", "SKU-RULE", "DC-1", "1"));

    assertThat(fromPartner.statusCode()).as(fromPartner.body()).isEqualTo(202);
    assertThat(new JsonObject(fromPartner.body()).getString("lane")).isEqualTo("bulk");
    assertThat(new JsonObject(fromPartner.body()).getInteger("priority")).isEqualTo(2);
    assertThat(new JsonObject(fromWms.body()).getString("lane")).isEqualTo("standard");
    assertThat(new JsonObject(fromWms.body()).getInteger("priority")).isEqualTo(5);

    GetResponse bulk = take(Lane.BULK);
    assertThat(bulk).as("a message in the bulk lane").isNotNull();
    assertThat(bulk.getProps().getMessageId()).isEqualTo(new JsonObject(fromPartner.body()).getString("transactionId"));
    assertThat(bulk.getProps().getPriority()).isEqualTo(2);
  }

  @Test
  void an_extension_attribute_sends_a_batch_item_to_the_critical_lane_and_the_lane_view_lists_the_rules() {
    String rush = Events.receipt("wms-rules", "RR-3", "SKU-RULE", "DC-1", "1")
      .replace("\"unit\":\"EA\"", "\"unit\":\"EA\",\"extensions\":{\"acme:rush\":true}");
    String batch = "[" + rush + "," + Events.receipt("wms-rules", "RR-4", "SKU-RULE", "DC-1", "1") + "]";

    HttpResponse<String> response = stack.post("/v1/events:batch", "application/json", batch);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonArray items = new JsonObject(response.body()).getJsonArray("items");
    assertThat(items.getJsonObject(0).getString("lane")).isEqualTo("critical");
    assertThat(items.getJsonObject(0).getInteger("priority")).isEqualTo(9);
    assertThat(items.getJsonObject(1).getString("lane")).isEqualTo("standard");

    JsonArray lanes = new JsonObject(stack.get("/v1/admin/lanes").body()).getJsonArray("lanes");
    JsonObject bulkRule = lanes.getJsonObject(2).getJsonArray("rules").getJsonObject(0);
    assertThat(bulkRule.getInteger("rule")).isZero();
    assertThat(bulkRule.getInteger("priority")).isEqualTo(2);
    assertThat(bulkRule.getJsonObject("match").getJsonArray("client-class").getList()).containsExactly("partner");
    assertThat(lanes.getJsonObject(0).getJsonArray("rules").getJsonObject(0).getJsonObject("match")
      .getJsonArray("extension.acme:rush").getList()).containsExactly("true");
  }

  private static GetResponse take(Lane lane) throws Exception {
    try (Connection connection = BrokerTestAdmin.connect(stack.broker); Channel channel = connection.createChannel()) {
      return channel.basicGet(stack.topology.laneQueue(lane), true);
    }
  }
}
