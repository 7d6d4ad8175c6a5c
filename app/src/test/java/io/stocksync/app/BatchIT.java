package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.embedded.TestServices;
import io.stocksync.gateway.GatewayConfig;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Batches: judged item by item, all-or-nothing or partial, accepted only when the broker confirmed. */
class BatchIT {

  static TestStack stack;

  @BeforeAll
  static void start() {
    stack = TestStack.start(true, true);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void a_valid_batch_is_queued_whole_and_reaches_the_ledger() {
    String batch = IntStream.range(0, 50)
      .mapToObj(i -> Events.receipt("3pl-batch", "B-OK-" + i, "SKU-BATCH", "DC-1", "2"))
      .collect(Collectors.joining(",", "[", "]"));

    HttpResponse<String> response = stack.post("/v1/events:batch", "application/json", batch);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getInteger("queued")).isEqualTo(50);
    assertThat(body.getJsonArray("items").getJsonObject(49).getString("transactionId")).isNotBlank();
    await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.movements("SKU-BATCH") == 50);
    assertThat(stack.ledger.onHand("SKU-BATCH", "DC-1")).isEqualByComparingTo("100");
  }

  @Test
  void partial_mode_queues_exactly_the_good_items_and_reports_the_bad_ones() {
    String batch = "[" + Events.receipt("3pl-part", "P-1", "SKU-PART", "DC-1", "1") + ","
      + Events.receipt("3pl-part", "P-2", "SKU-PART", "DC-1", "\"x\"") + ","
      + Events.receipt("3pl-part", "P-3", "SKU-PART", "DC-1", "3") + "]";

    HttpResponse<String> response = stack.post("/v1/events:batch?mode=partial", "application/json", batch);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getInteger("queued")).isEqualTo(2);
    JsonArray items = body.getJsonArray("items");
    assertThat(items.getJsonObject(1).getString("status")).isEqualTo("rejected");
    assertThat(items.getJsonObject(1).getJsonObject("problem").getJsonArray("errors").getJsonObject(0).getString("pointer"))
      .isEqualTo("/quantity");
    await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.movements("SKU-PART") == 2);
    assertThat(stack.ledger.onHand("SKU-PART", "DC-1")).isEqualByComparingTo("4");
  }

  @Test
  void atomic_mode_queues_nothing_when_one_item_is_bad() {
    String batch = "[" + Events.receipt("3pl-atom", "A-1", "SKU-ATOM", "DC-1", "1") + ","
      + Events.receipt("3pl-atom", "A-2", "SKU-ATOM", "DC-1", "-1") + "]";

    HttpResponse<String> response = stack.post("/v1/events:batch", "application/json", batch);

    assertThat(response.statusCode()).isEqualTo(422);
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("detail")).contains("item 1");
    assertThat(problem.getJsonArray("items").getJsonObject(0).getString("status")).isEqualTo("valid");
    HttpResponse<String> marker = stack.postEvent(Events.receipt("3pl-atom", "A-MARK", "SKU-ATOM-MARK", "DC-1", "1"));
    assertThat(marker.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.movements("SKU-ATOM-MARK") == 1);
    assertThat(stack.ledger.movements("SKU-ATOM")).isZero();
  }

  @Test
  void a_partner_batch_with_a_foreign_location_gets_403_naming_the_item() {
    String partner = stack.createClient(new ApiClient("batch-partner", null, ClientClass.PARTNER,
      Set.of(Scope.EVENTS_WRITE), Set.of(), Set.of("DC-EAST"), 1000, 1000, false));
    String batch = "[" + Events.receipt("3pl-x", "X-1", "SKU-X", "DC-EAST", "1") + ","
      + Events.receipt("3pl-x", "X-2", "SKU-X", "DC-WEST", "1") + "]";

    HttpResponse<String> response = stack.post("/v1/events:batch", "application/json", batch, partner);

    assertThat(response.statusCode()).isEqualTo(403);
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("detail")).contains("item 1").contains("DC-WEST");
    assertThat(problem.getJsonArray("items").getJsonObject(1).getJsonObject("problem").getString("pointer"))
      .isEqualTo("/location");
  }

  @Test
  void ndjson_is_accepted_and_a_malformed_line_is_reported_by_its_line() {
    String ndjson = Events.receipt("3pl-nd", "N-1", "SKU-ND", "DC-1", "1") + "\n"
      + "{\"type\":\n"
      + Events.receipt("3pl-nd", "N-3", "SKU-ND", "DC-1", "1") + "\n";

    HttpResponse<String> response = stack.post("/v1/events:batch?mode=partial", "application/x-ndjson", ndjson);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject rejected = new JsonObject(response.body()).getJsonArray("items").getJsonObject(1);
    assertThat(rejected.getJsonObject("problem").getString("type")).endsWith("/malformed-json");
    assertThat(rejected.getJsonObject("problem").getLong("line")).isEqualTo(2);
  }

  @Test
  void a_batch_larger_than_the_clients_burst_is_a_413_naming_the_burst_not_an_endless_429() {
    String small = stack.createClient(new ApiClient("small-burst", null, ClientClass.SCANNER,
      Set.of(Scope.EVENTS_WRITE), Set.of(), Set.of(), 10, 5, false));
    String batch = IntStream.range(0, 6)
      .mapToObj(i -> Events.receipt("3pl-burst", "BU-" + i, "SKU-BURST", "DC-1", "1"))
      .collect(Collectors.joining(",", "[", "]"));

    HttpResponse<String> response = stack.post("/v1/events:batch", "application/json", batch, small);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(response.body()).getString("detail")).contains("at most 5 at once");
  }

  @Test
  void items_count_as_queued_only_when_the_broker_confirmed_them_and_a_full_lanes_items_are_rejected()
      throws Exception {
    // lane lengths are enforced by RabbitMQ (reject-publish); the embedded broker declares none
    Assumptions.assumeTrue(TestServices.realRabbitMq(), TestServices.skipReasonWithoutRabbitMq());
    try (TestStack full = TestStack.start(true, false, TestServices.broker(), true,
        GatewayConfig.DEFAULT_REQUEST_TIMEOUT, Map.of(Lane.CRITICAL, 2L))) {
      String batch = "[" + String.join(",",
        Events.shipment("3pl-full", "F-S1", "SKU-FULLB", "DC-1", "1"),
        Events.receipt("3pl-full", "F-R1", "SKU-FULLB", "DC-1", "1"),
        Events.shipment("3pl-full", "F-S2", "SKU-FULLB", "DC-1", "1"),
        Events.shipment("3pl-full", "F-S3", "SKU-FULLB", "DC-1", "1"),
        Events.receipt("3pl-full", "F-R2", "SKU-FULLB", "DC-1", "1"),
        Events.shipment("3pl-full", "F-S4", "SKU-FULLB", "DC-1", "1")) + "]";

      HttpResponse<String> response = full.post("/v1/events:batch?mode=partial", "application/json", batch);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonObject report = new JsonObject(response.body());
      assertThat(report.getInteger("queued")).isEqualTo(4);
      assertThat(report.getInteger("rejected")).isEqualTo(2);
      Set<String> queuedShipments = new HashSet<>();
      for (int i = 0; i < 6; i++) {
        JsonObject item = report.getJsonArray("items").getJsonObject(i);
        boolean shipment = i != 1 && i != 4;
        if ("rejected".equals(item.getString("status"))) {
          assertThat(shipment).as("only the full lane refuses, item " + i).isTrue();
          assertThat(item.getJsonObject("problem").getString("type")).isEqualTo("https://stocksync.io/problems/lane-full");
          assertThat(item.getJsonObject("problem").getString("lane")).isEqualTo("critical");
          String refused = item.getJsonObject("problem").getString("transactionId");
          await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
            new JsonObject(full.get("/v1/transactions/" + refused).body()).getString("status")).isEqualTo("rejected"));
        } else {
          assertThat(item.getString("status")).isEqualTo("queued");
          if (shipment) {
            queuedShipments.add(item.getString("transactionId"));
          }
        }
      }
      // what the answer calls queued is exactly what the broker holds
      assertThat(messageIds(full, Lane.CRITICAL)).isEqualTo(queuedShipments).hasSize(2);
      assertThat(BrokerTestAdmin.messageCount(full.broker, full.topology.laneQueue(Lane.STANDARD))).isEqualTo(2);

      // atomic mode judges all or nothing, but cannot take back what the broker already confirmed
      String atomic = "[" + Events.receipt("3pl-full", "F-R3", "SKU-FULLB", "DC-1", "1") + ","
        + Events.shipment("3pl-full", "F-S5", "SKU-FULLB", "DC-1", "1") + "]";
      HttpResponse<String> mixed = full.post("/v1/events:batch", "application/json", atomic);

      assertThat(mixed.statusCode()).as(mixed.body()).isEqualTo(200);
      JsonArray items = new JsonObject(mixed.body()).getJsonArray("items");
      assertThat(new JsonObject(mixed.body()).getString("mode")).isEqualTo("atomic");
      assertThat(items.getJsonObject(0).getString("status")).isEqualTo("queued");
      assertThat(items.getJsonObject(1).getJsonObject("problem").getString("type")).endsWith("/lane-full");
      assertThat(BrokerTestAdmin.messageCount(full.broker, full.topology.laneQueue(Lane.STANDARD))).isEqualTo(3);
    }
  }

  private static Set<String> messageIds(TestStack stack, Lane lane) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection connection = BrokerTestAdmin.connect(stack.broker); Channel channel = connection.createChannel()) {
      GetResponse message;
      while ((message = channel.basicGet(stack.topology.laneQueue(lane), false)) != null) {
        ids.add(message.getProps().getMessageId());
      }
      // closing the channel without acks returns them to the lane
    }
    return ids;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    empty JSON body            | application/json     | ''           | 400 | malformed-json
    empty JSON array           | application/json     | []           | 422 | invalid-request
    empty NDJSON body          | application/x-ndjson | ''           | 422 | invalid-request
    NDJSON of only blank lines | application/x-ndjson | \\n  \\n\\t\\n | 422 | invalid-request
    """)
  void an_empty_batch_is_a_client_problem_not_a_server_error(String name, String contentType, String body, int status,
      String type) {
    // the CSV row spells line breaks and tabs as \n and \t
    HttpResponse<String> response = stack.post("/v1/events:batch?mode=partial", contentType,
      body.replace("\\n", "\n").replace("\\t", "\t"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type")).isEqualTo("https://stocksync.io/problems/" + type);
    if (status == 422) {
      assertThat(problem.getString("detail")).isEqualTo("the batch holds no events");
    }
  }

  @Test
  void a_batch_over_the_item_limit_is_a_413_problem() {
    String batch = IntStream.range(0, 101)
      .mapToObj(i -> Events.receipt("3pl-big", "BIG-" + i, "SKU-BIG", "DC-1", "1"))
      .collect(Collectors.joining(",", "[", "]"));

    HttpResponse<String> response = stack.post("/v1/events:batch", "application/json", batch);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(response.body()).getString("detail")).contains("batch.max-items");
  }
}
