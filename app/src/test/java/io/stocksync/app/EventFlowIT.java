package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An event posted over HTTP travels through its lane to a worker and ends as ledger rows, once. */
class EventFlowIT {

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
  void n_events_posted_over_http_become_exactly_n_movements_and_the_right_balance() {
    int n = 300;
    BigDecimal expected = BigDecimal.ZERO;
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = "FLOW-" + i;
      String body;
      switch (i % 3) {
        case 0 -> {
          body = Events.receipt("wms-flow", key, "SKU-FLOW", "DC-1", "10.5");
          expected = expected.add(new BigDecimal("10.5"));
        }
        case 1 -> {
          body = Events.shipment("wms-flow", key, "SKU-FLOW", "DC-1", "3");
          expected = expected.subtract(new BigDecimal("3"));
        }
        default -> {
          body = Events.adjustment("wms-flow", key, "SKU-FLOW", "DC-1", "-0.25", "DAMAGE");
          expected = expected.subtract(new BigDecimal("0.25"));
        }
      }
      if (responses.size() == 50) {
        expectAccepted(responses);
      }
      responses.add(stack.http.sendAsync(HttpRequest.newBuilder(URI.create(stack.url("/v1/events")))
          .header("Authorization", "Bearer " + stack.apiKey)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build(), HttpResponse.BodyHandlers.ofString()));
    }
    expectAccepted(responses);

    await().atMost(Duration.ofSeconds(60)).until(() -> stack.ledger.movements("SKU-FLOW") == n);
    BigDecimal total = expected;
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
      assertThat(stack.ledger.onHand("SKU-FLOW", "DC-1")).isEqualByComparingTo(total));
    assertThat(stack.ledger.sumOfMovements("SKU-FLOW", "DC-1")).isEqualByComparingTo(total);

    JsonObject balances = new JsonObject(stack.get("/v1/balances?item=SKU-FLOW&location=DC-1").body());
    assertThat(new BigDecimal(balances.getJsonArray("balances").getJsonObject(0).getString("quantity")))
      .isEqualByComparingTo(total);
  }

  /** Waits for a window of concurrent requests, so the client holds at most 50 connections. */
  private static void expectAccepted(List<CompletableFuture<HttpResponse<String>>> responses) {
    for (CompletableFuture<HttpResponse<String>> response : responses) {
      assertThat(response.join().statusCode()).as(response.join().body()).isEqualTo(202);
    }
    responses.clear();
  }

  @Test
  void the_same_event_posted_twice_changes_the_ledger_once() {
    String body = Events.receipt("wms-twice", "RCV-TWICE", "SKU-TWICE", "DC-1", "7");
    long duplicatesBefore = stack.node.counters().duplicates();

    HttpResponse<String> first = stack.postEvent(body);
    HttpResponse<String> second = stack.postEvent(body);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(first.headers().firstValue("X-Transaction-Id"))
      .isNotEqualTo(second.headers().firstValue("X-Transaction-Id"));
    await().atMost(Duration.ofSeconds(30)).until(() -> stack.node.counters().duplicates() > duplicatesBefore);
    assertThat(stack.ledger.movements("SKU-TWICE")).isEqualTo(1);
    assertThat(stack.ledger.onHand("SKU-TWICE", "DC-1")).isEqualByComparingTo("7");
  }

  @Test
  void a_transaction_shows_its_stages_and_a_retry_points_at_the_original() {
    String body = Events.receipt("wms-lineage", "RCV-LIN", "SKU-LIN", "DC-2", "3");
    String first = stack.postEvent(body).headers().firstValue("X-Transaction-Id").orElseThrow();
    String retry = stack.postEvent(body).headers().firstValue("X-Transaction-Id").orElseThrow();

    await().atMost(Duration.ofSeconds(30)).until(() -> stack.get("/v1/transactions/" + retry).statusCode() == 200);
    // the gateway's stages are written in batches a moment after the answer
    await().atMost(Duration.ofSeconds(10)).until(() ->
      new JsonObject(stack.get("/v1/transactions/" + first).body()).getJsonArray("stages").size() == 4);
    JsonObject applied = new JsonObject(stack.get("/v1/transactions/" + first).body());
    JsonObject duplicate = new JsonObject(stack.get("/v1/transactions/" + retry).body());

    assertThat(applied.getString("status")).isEqualTo("applied");
    assertThat(applied.getJsonArray("stages").stream().map(s -> ((JsonObject) s).getString("stage")))
      .containsExactly("received", "validated", "queued", "applied");
    assertThat(applied.getJsonArray("stages").getJsonObject(2).getString("lane")).isEqualTo("standard");
    assertThat(applied.getString("client")).isEqualTo("tests");
    assertThat(applied.getJsonArray("movements").getJsonObject(0).getString("quantity")).isEqualTo("3");
    assertThat(duplicate.getString("status")).isEqualTo("duplicate");
    assertThat(duplicate.getString("duplicateOf")).isEqualTo(first);
  }

  @Test
  void an_unknown_transaction_is_a_404_problem() {
    HttpResponse<String> unknown = stack.get("/v1/transactions/" + java.util.UUID.randomUUID());
    HttpResponse<String> garbage = stack.get("/v1/transactions/not-a-uuid");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(unknown.body()).getString("type")).endsWith("/transaction-not-found");
    assertThat(garbage.statusCode()).isEqualTo(400);
  }

  @Test
  void answers_202_with_the_transaction_id_and_lane() {
    HttpResponse<String> response = stack.postEvent(Events.shipment("wms-1", "SHP-1", "SKU-LANE", "DC-1", "1"));

    assertThat(response.statusCode()).isEqualTo(202);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("transactionId")).isEqualTo(response.headers().firstValue("X-Transaction-Id").orElseThrow());
    assertThat(body.getString("status")).isEqualTo("queued");
    assertThat(body.getString("lane")).isEqualTo("critical");
  }

  @Test
  void metrics_show_requests_confirms_rejections_and_worker_outcomes() {
    assertThat(stack.postEvent(Events.receipt("wms-metrics", "M-1", "SKU-M", "DC-1", "1")).statusCode()).isEqualTo(202);
    stack.postEvent("{\"type\":");
    await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.movements("SKU-M") == 1);

    HttpResponse<String> metrics = stack.get("/metrics", null);

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
      .contains("vertx_http_server_requests_total{")
      .contains("code=\"202\",method=\"POST\",route=\"/v1/>/v1/events\"")
      .contains("stocksync_gateway_confirm_seconds_count{lane=\"standard\"}")
      .contains("stocksync_gateway_rejections_total{client=\"tests\",reason=\"malformed-json\"}")
      .contains("stocksync_worker_events_total{lane=\"standard\",outcome=\"applied\"}")
      .contains("stocksync_lane_depth{lane=\"critical\"}");
  }

  @Test
  void balances_without_an_item_are_a_400_problem() {
    HttpResponse<String> response = stack.get("/v1/balances?location=DC-1");
    assertThat(new JsonObject(response.body()).getString("transactionId"))
      .isEqualTo(response.headers().firstValue("X-Transaction-Id").orElseThrow());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new JsonObject(response.body()).getString("type")).endsWith("/invalid-query");
  }

  @Test
  void serves_its_openapi_document() {
    HttpResponse<String> document = stack.get("/openapi.yaml", null);

    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(document.body()).startsWith("openapi: 3.1.0").contains("/v1/events:batch");
  }

  @Test
  void readiness_reports_database_and_broker() {
    HttpResponse<String> ready = stack.get("/health/ready");
    HttpResponse<String> live = stack.get("/health/live");

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(ready.body()).getJsonObject("checks").getMap())
      .containsEntry("database", "UP").containsEntry("broker", "UP");
    assertThat(live.statusCode()).isEqualTo(200);
  }
}
