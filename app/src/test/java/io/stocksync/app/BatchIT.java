package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
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
