package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.embedded.TestServices;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: one key, one outcome, whatever the retries. */
class IdempotencyIT {

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
  void a_retry_with_the_same_key_and_body_replays_the_original_answer() {
    String key = UUID.randomUUID().toString();
    String body = Events.receipt("wms-idem", "RCV-IDEM-1", "SKU-IDEM", "DC-1", "5");

    HttpResponse<String> first = post(body, key);
    HttpResponse<String> retry = post(body, key);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().firstValue("X-Transaction-Id")).isEqualTo(first.headers().firstValue("X-Transaction-Id"));
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
  }

  @Test
  void a_queued_transaction_shows_the_gateway_stages_before_any_worker_applied_it() {
    HttpResponse<String> response = post(Events.receipt("wms-idem", "RCV-IDEM-Q", "SKU-IDEM", "DC-1", "5"),
      UUID.randomUUID().toString());
    String id = response.headers().firstValue("X-Transaction-Id").orElseThrow();

    await().atMost(Duration.ofSeconds(10)).until(() -> stack.get("/v1/transactions/" + id).statusCode() == 200);
    JsonObject transaction = new JsonObject(stack.get("/v1/transactions/" + id).body());

    assertThat(transaction.getString("status")).isEqualTo("queued");
    assertThat(transaction.getJsonArray("stages").stream().map(s -> ((JsonObject) s).getString("stage")))
      .containsExactly("received", "validated", "queued");
  }

  @Test
  void the_same_key_with_a_different_body_is_a_422_problem() {
    String key = UUID.randomUUID().toString();
    assertThat(post(Events.receipt("wms-idem", "RCV-IDEM-2", "SKU-IDEM", "DC-1", "5"), key).statusCode()).isEqualTo(202);

    HttpResponse<String> other = post(Events.receipt("wms-idem", "RCV-IDEM-2", "SKU-IDEM", "DC-1", "6"), key);

    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(other.body()).getString("type")).endsWith("/idempotency-key-reused");
  }

  @Test
  void a_rejected_request_is_replayed_as_rejected() {
    String key = UUID.randomUUID().toString();
    String invalid = Events.receipt("wms-idem", "RCV-IDEM-3", "SKU-IDEM", "DC-1", "-1");

    HttpResponse<String> first = post(invalid, key);
    HttpResponse<String> retry = post(invalid, key);

    assertThat(first.statusCode()).isEqualTo(422);
    assertThat(retry.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(retry.body()).getString("type")).endsWith("/invalid-event");
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
  }

  @Test
  void keys_are_scoped_to_the_client() {
    String key = UUID.randomUUID().toString();
    String other = stack.createClient(new io.stocksync.gateway.auth.ApiClient("idem-other", null,
      io.stocksync.gateway.auth.ClientClass.WMS, java.util.Set.of(io.stocksync.gateway.auth.Scope.EVENTS_WRITE),
      java.util.Set.of(), java.util.Set.of(), 1000, 1000, false));

    HttpResponse<String> mine = post(Events.receipt("wms-idem", "RCV-IDEM-4", "SKU-IDEM", "DC-1", "1"), key);
    HttpResponse<String> theirs = stack.send(request(Events.receipt("wms-idem", "RCV-IDEM-5", "SKU-IDEM", "DC-1", "1"),
      key, other));

    assertThat(mine.statusCode()).isEqualTo(202);
    assertThat(theirs.statusCode()).isEqualTo(202);
    assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
  }

  @Test
  void an_invalid_key_is_a_400_problem() {
    HttpResponse<String> response = post(Events.receipt("wms-idem", "RCV-IDEM-6", "SKU-IDEM", "DC-1", "1"),
      "x".repeat(300));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("type")).endsWith("/invalid-idempotency-key");
  }

  @Test
  void fifty_concurrent_requests_with_one_key_queue_exactly_one_event() {
    String key = UUID.randomUUID().toString();
    String body = Events.receipt("wms-idem", "RCV-IDEM-RACE", "SKU-RACE", "DC-1", "1");
    long queuedBefore = BrokerTestAdmin.messageCount(stack.broker, stack.topology.laneQueue(Lane.STANDARD));

    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      responses.add(stack.http.sendAsync(request(body, key, stack.apiKey), HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> done = responses.stream().map(CompletableFuture::join).toList();

    Map<Integer, Long> byStatus = done.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    assertThat(byStatus.keySet()).isSubsetOf(202, 409);
    long originals = done.stream()
      .filter(r -> r.statusCode() == 202 && r.headers().firstValue("Idempotent-Replayed").isEmpty()).count();
    assertThat(originals).isEqualTo(1);
    assertThat(done.stream().filter(r -> r.statusCode() == 202).map(r -> r.headers().firstValue("X-Transaction-Id")))
      .containsOnly(done.stream().filter(r -> r.statusCode() == 202).findFirst().orElseThrow()
        .headers().firstValue("X-Transaction-Id"));
    done.stream().filter(r -> r.statusCode() == 409).forEach(r -> {
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assertThat(new JsonObject(r.body()).getString("type")).endsWith("/idempotency-request-in-flight");
    });
    await().atMost(Duration.ofSeconds(10)).until(() ->
      BrokerTestAdmin.messageCount(stack.broker, stack.topology.laneQueue(Lane.STANDARD)) >= queuedBefore + 1);
    assertThat(BrokerTestAdmin.messageCount(stack.broker, stack.topology.laneQueue(Lane.STANDARD)))
      .isEqualTo(queuedBefore + 1);
  }

  @Test
  void a_second_request_while_the_first_with_its_key_is_in_flight_gets_409_and_the_first_still_completes()
      throws Exception {
    BrokerConfig real = TestServices.broker();
    try (TcpProxy proxy = new TcpProxy(real.host(), real.port())) {
      BrokerConfig viaProxy = new BrokerConfig("127.0.0.1", proxy.port(), real.username(), real.password(),
        real.virtualHost(), real.dialect());
      // the first request must stay in flight for as long as the test holds its publish
      TestStack.confirmTimeout = Duration.ofSeconds(60);
      TestStack slow;
      try {
        slow = TestStack.start(true, false, viaProxy);
      } finally {
        TestStack.confirmTimeout = Duration.ofSeconds(3);
      }
      try (slow) {
        String key = UUID.randomUUID().toString();
        String body = Events.receipt("wms-idem", "RCV-IDEM-HELD", "SKU-HELD", "DC-1", "1");

        proxy.hold();
        CompletableFuture<HttpResponse<String>> first = slow.http.sendAsync(request(slow, body, key, slow.apiKey),
          HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30)).until(() -> slow.ledger.count(
          "SELECT count(*) FROM idempotency_key WHERE key = ? AND state = 'in_flight'", key) == 1);
        HttpResponse<String> second = slow.send(request(slow, body, key, slow.apiKey));

        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(new JsonObject(second.body()).getString("type")).endsWith("/idempotency-request-in-flight");
        assertThat(first).isNotDone();

        proxy.release();
        HttpResponse<String> original = first.get(30, TimeUnit.SECONDS);
        assertThat(original.statusCode()).as(original.body()).isEqualTo(202);
        HttpResponse<String> retry = slow.send(request(slow, body, key, slow.apiKey));
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.headers().firstValue("X-Transaction-Id")).isEqualTo(original.headers().firstValue("X-Transaction-Id"));
        assertThat(BrokerTestAdmin.messageCount(real, slow.topology.laneQueue(Lane.STANDARD))).isEqualTo(1);
      }
    }
  }

  private static HttpResponse<String> post(String body, String key) {
    return stack.send(request(body, key, stack.apiKey));
  }

  private static HttpRequest request(String body, String key, String apiKey) {
    return request(stack, body, key, apiKey);
  }

  private static HttpRequest request(TestStack on, String body, String key, String apiKey) {
    return HttpRequest.newBuilder(URI.create(on.url("/v1/events")))
      .header("Authorization", "Bearer " + apiKey)
      .header("Content-Type", "application/json")
      .header("Idempotency-Key", key)
      .POST(HttpRequest.BodyPublishers.ofString(body))
      .build();
  }
}
