package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a problem+json that names the field, and nothing of it reaches the ledger. */
class InvalidInputIT {

  static TestStack stack;

  @BeforeAll
  static void start() {
    stack = TestStack.start(true, true);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static final String GOOD = Events.receipt("wms-bad", "RCV-1", "SKU-BAD", "DC-1", "5");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    malformed JSON        | {"type":"receipt",                 | 400 | malformed-json |
    duplicate key         | {"type":"receipt","type":"receipt"} | 400 | malformed-json |
    trailing data         | {} {}                              | 400 | malformed-json |
    empty body            | ''                                 | 400 | malformed-json |
    not an object         | [1,2]                              | 422 | invalid-event  |
    """)
  void rejects_bodies_that_are_not_one_json_object(String name, String body, int status, String type, String pointer) {
    HttpResponse<String> response = stack.postEvent(body);

    assertProblem(response, status, type);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    quantity is a string  | "quantity":5               | "quantity":"5"               | /quantity
    missing location      | "location":"DC-1",         | ''                           | /location
    item names nothing    | "item":{"sku":"SKU-BAD"}   | "item":{}                    | /item
    unknown type          | "type":"receipt"           | "type":"teleport"            | /type
    unknown field         | "unit":"EA"                | "unit":"EA","color":"red"    | /color
    receipt of zero       | "quantity":5               | "quantity":0                 | /quantity
    item is a number      | "item":{"sku":"SKU-BAD"}   | "item":42                    | /item
    bad timestamp         | "2026-12-03T10:15:00Z"     | "yesterday"                  | /occurredAt
    """)
  void names_the_field_that_breaks_the_contract(String name, String from, String to, String pointer) {
    String body = GOOD.replace(from, to);
    assertThat(body).isNotEqualTo(GOOD);

    HttpResponse<String> response = stack.postEvent(body);

    JsonObject problem = assertProblem(response, 422, "invalid-event");
    JsonArray errors = problem.getJsonArray("errors");
    assertThat(errors.stream().map(e -> ((JsonObject) e).getString("pointer"))).contains(pointer);
    assertThat(problem.getString("detail")).isNotBlank();
  }

  @Test
  void a_rejected_request_can_be_looked_up_by_its_transaction_id() {
    HttpResponse<String> rejected = stack.postEvent(GOOD.replace("\"quantity\":5", "\"quantity\":-5"));
    String id = rejected.headers().firstValue("X-Transaction-Id").orElseThrow();

    await().atMost(Duration.ofSeconds(10)).until(() -> stack.get("/v1/transactions/" + id).statusCode() == 200);
    JsonObject transaction = new JsonObject(stack.get("/v1/transactions/" + id).body());

    assertThat(transaction.getString("status")).isEqualTo("rejected");
    JsonObject stage = transaction.getJsonArray("stages").getJsonObject(1);
    assertThat(stage.getString("stage")).isEqualTo("rejected");
    assertThat(stage.getString("problemType")).endsWith("/invalid-event");
    assertThat(stage.getInteger("httpStatus")).isEqualTo(422);
  }

  @Test
  void refuses_other_content_types_with_415() {
    assertProblem(stack.post("/v1/events", "text/plain", GOOD), 415, "unsupported-media-type");
  }

  @Test
  void refuses_bodies_over_the_limit_with_413() {
    String huge = GOOD.replace("\"unit\":\"EA\"", "\"unit\":\"EA\",\"pad\":\"" + "x".repeat(70_000) + "\"");
    assertProblem(stack.postEvent(huge), 413, "payload-too-large");
  }

  @Test
  void answers_unknown_paths_and_methods_with_problems() {
    assertProblem(stack.get("/v1/nothing-here"), 404, "not-found");
    assertProblem(stack.get("/v1/events"), 405, "method-not-allowed");
  }

  @Test
  void nothing_rejected_reaches_the_ledger() {
    stack.postEvent(GOOD.replace("\"quantity\":5", "\"quantity\":\"5\""));
    stack.postEvent("{\"type\":\"receipt\",");
    HttpResponse<String> marker = stack.postEvent(Events.receipt("wms-bad", "MARKER", "SKU-MARKER", "DC-1", "1"));
    assertThat(marker.statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.movements("SKU-MARKER") == 1);
    assertThat(stack.ledger.movements("SKU-BAD")).isZero();
  }

  private static JsonObject assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type")).isEqualTo("https://stocksync.io/problems/" + type);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    return problem;
  }
}
