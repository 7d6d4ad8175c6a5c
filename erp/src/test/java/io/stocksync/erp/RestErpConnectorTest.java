package io.stocksync.erp;

import static io.stocksync.erp.Awaits.failure;
import static io.stocksync.erp.Awaits.journal;
import static io.stocksync.erp.Awaits.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.stocksync.erp.ErpResilienceConfig.BreakerPolicy;
import io.stocksync.erp.ErpResilienceConfig.BulkheadPolicy;
import io.stocksync.erp.ErpResilienceConfig.RateLimitPolicy;
import io.stocksync.erp.ErpResilienceConfig.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST connector against the reference ERP: outcomes, retries and every guard. */
@ExtendWith(VertxExtension.class)
class RestErpConnectorTest {

  /** Quick retries so that a test never waits for a production backoff. */
  private static final ErpResilienceConfig FAST = ErpResilienceConfig.defaults()
    .withRetry(new RetryPolicy(4, Duration.ofMillis(10), 2.0, 0.5, Duration.ofMillis(100), Duration.ofSeconds(5)));

  private Vertx vertx;
  private ReferenceErpVerticle erp;
  private RestErpConnector connector;

  @BeforeEach
  void start_reference_erp(Vertx vertx) {
    this.vertx = vertx;
    erp = new ReferenceErpVerticle(ReferenceErpConfig.local());
    result(vertx.deployVerticle(erp));
  }

  @AfterEach
  void close_connector() {
    if (connector != null) {
      result(connector.close());
    }
  }

  private RestErpConnector connect(ErpResilienceConfig resilience) {
    return connect(RestErpConfig.of(erp.baseUrl()).withResilience(resilience));
  }

  private RestErpConnector connect(RestErpConfig config) {
    connector = RestErpConnector.create(vertx, config);
    return connector;
  }

  @Test
  void posts_a_journal_and_gets_the_erp_document_id() {
    connect(FAST);

    ErpPosting posting = result(connector.post(journal("MOV-1")));

    assertThat(posting.documentId()).isEqualTo("ERP-000001");
    assertThat(posting.externalReference()).isEqualTo("MOV-1");
    assertThat(posting.duplicate()).isFalse();
  }

  @Test
  void a_second_post_of_the_same_reference_is_a_duplicate_of_the_same_document_and_booked_once() {
    connect(FAST);

    ErpPosting first = result(connector.post(journal("MOV-DUP")));
    ErpPosting second = result(connector.post(journal("MOV-DUP")));

    assertThat(second.duplicate()).isTrue();
    assertThat(second.documentId()).isEqualTo(first.documentId());
    ErpStats stats = result(erp.stats());
    assertThat(stats.posted()).isEqualTo(1);
    assertThat(stats.duplicates()).isEqualTo(1);
    assertThat(stats.timesSeen("MOV-DUP")).isEqualTo(2);
  }

  @Test
  void transient_503s_are_retried_until_the_post_succeeds() {
    connect(FAST);
    result(erp.failNext(2, 503));

    ErpPosting posting = result(connector.post(journal("MOV-RETRY")));

    assertThat(posting.duplicate()).isFalse();
    ErpStats stats = result(erp.stats());
    assertThat(stats.received()).isEqualTo(3);
    assertThat(stats.faulted()).isEqualTo(2);
    assertThat(stats.posted()).isEqualTo(1);
    assertThat(stats.timesSeen("MOV-RETRY")).isEqualTo(1);
  }

  @Test
  void gives_up_after_max_attempts_with_a_transient_failure() {
    connect(FAST);
    result(erp.failNext(10, 500));

    Throwable failure = failure(connector.post(journal("MOV-EXHAUSTED")));

    assertThat(failure).isExactlyInstanceOf(ErpTransientException.class);
    assertThat(((ErpTransientException) failure).status()).isEqualTo(500);
    assertThat(result(erp.stats()).received()).isEqualTo(4);
  }

  @Test
  void a_400_rejection_is_not_retried_and_carries_the_erp_message() {
    connect(FAST);
    result(erp.failNext(1, 400));

    Throwable failure = failure(connector.post(journal("MOV-BAD")));

    assertThat(failure).isInstanceOf(ErpRejectedException.class).hasMessageContaining("scripted failure");
    assertThat(((ErpRejectedException) failure).status()).isEqualTo(400);
    assertThat(result(erp.stats()).received()).isEqualTo(1);
  }

  @Test
  void a_429_is_retried_no_sooner_than_its_retry_after() {
    connect(FAST);
    result(erp.behave(ErpBehaviour.NORMAL.withRateLimited(false, 1)));
    result(erp.failNext(1, 429));

    long start = System.nanoTime();
    ErpPosting posting = result(connector.post(journal("MOV-429")));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(posting.documentId()).isNotBlank();
    // the backoff alone would have retried after 5 to 15 ms
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(result(erp.stats()).received()).isEqualTo(2);
  }

  @Test
  void a_retry_after_beyond_the_limit_is_not_waited_for_but_handed_to_the_caller() {
    connect(FAST.withRetry(new RetryPolicy(4, Duration.ofMillis(10), 2.0, 0.5, Duration.ofMillis(100),
      Duration.ofMillis(500))));
    result(erp.behave(ErpBehaviour.NORMAL.withRateLimited(true, 120)));

    Throwable failure = failure(connector.post(journal("MOV-SLOW-429")));

    assertThat(failure).isExactlyInstanceOf(ErpTransientException.class);
    assertThat(((ErpTransientException) failure).status()).isEqualTo(429);
    assertThat(((ErpTransientException) failure).retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(result(erp.stats()).received()).isEqualTo(1);
  }

  @Test
  void breaker_opens_after_repeated_failures_fails_fast_then_closes_once_the_erp_recovers() {
    connect(FAST
      .withRetry(new RetryPolicy(1, Duration.ofMillis(10), 2.0, 0.5, Duration.ofMillis(100), Duration.ofSeconds(5)))
      .withBreaker(new BreakerPolicy(50, 4, 4, Duration.ofMillis(300), 1)));
    result(erp.behave(ErpBehaviour.NORMAL.withDown(true)));

    for (int i = 0; i < 4; i++) {
      assertThat(failure(connector.post(journal("MOV-DOWN-" + i)))).isExactlyInstanceOf(ErpTransientException.class);
    }
    assertThat(connector.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(failure(connector.post(journal("MOV-FAST")))).isInstanceOf(ErpCircuitOpenException.class);
    assertThat(result(erp.stats()).received()).as("an open breaker sends nothing").isEqualTo(4);

    result(erp.behave(ErpBehaviour.NORMAL));
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
      .until(() -> connector.post(journal("MOV-RECOVER")).toCompletionStage().toCompletableFuture()
        .handle((posting, error) -> error == null).join());

    assertThat(connector.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(result(connector.post(journal("MOV-AFTER"))).duplicate()).isFalse();
  }

  @Test
  void a_timeout_is_an_unknown_outcome_that_find_resolves_as_posted() {
    connect(RestErpConfig.of(erp.baseUrl()).withResilience(FAST)
      .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300)));
    result(erp.behave(ErpBehaviour.NORMAL.withTimeout(true, Duration.ofSeconds(30))));

    Throwable failure = failure(connector.post(journal("MOV-TIMEOUT")));

    assertThat(failure).isInstanceOf(ErpUnknownOutcomeException.class);
    assertThat(((ErpUnknownOutcomeException) failure).externalReference()).isEqualTo("MOV-TIMEOUT");
    assertThat(result(erp.stats()).received()).as("unknown outcomes are not retried blindly").isEqualTo(1);

    result(erp.behave(ErpBehaviour.NORMAL));
    Optional<ErpPosting> found = result(connector.find("MOV-TIMEOUT"));

    assertThat(found).hasValueSatisfying(posting -> assertThat(posting.documentId()).isEqualTo("ERP-000001"));
  }

  @Test
  void find_is_empty_for_a_reference_the_erp_never_saw() {
    connect(FAST);

    assertThat(result(connector.find("MOV-NEVER"))).isEmpty();
  }

  @Test
  void find_encodes_the_reference_into_the_lookup_path() {
    connect(FAST);
    result(connector.post(journal("MOV 1/a?b")));

    assertThat(result(connector.find("MOV 1/a?b"))).hasValueSatisfying(posting ->
      assertThat(posting.documentId()).isEqualTo("ERP-000001"));
  }

  @Test
  void a_refused_connection_is_transient(Vertx vertx) {
    // port 1 (tcpmux) has no listener on any machine this runs on; a port freed by the test itself
    // was taken by another process now and then on a busy box, which answered with a reset
    connect(RestErpConfig.of("http://127.0.0.1:1").withResilience(FAST));

    Throwable failure = failure(connector.post(journal("MOV-REFUSED")));

    assertThat(failure).isExactlyInstanceOf(ErpTransientException.class).hasMessageContaining("cannot reach");
  }

  @Test
  void bulkhead_refuses_a_call_beyond_the_concurrency_limit_without_sending_it() {
    connect(FAST.withBulkhead(new BulkheadPolicy(1)));
    result(erp.behave(ErpBehaviour.NORMAL.withLatency(Duration.ofMillis(500))));

    Future<ErpPosting> slow = connector.post(journal("MOV-SLOW"));
    Throwable refused = failure(connector.post(journal("MOV-REFUSED")));

    assertThat(refused).isInstanceOf(ErpSaturatedException.class);
    assertThat(result(slow).documentId()).isNotBlank();
    assertThat(result(erp.stats()).received()).isEqualTo(1);
  }

  @Test
  void rate_limit_refuses_a_call_that_would_wait_longer_than_allowed() {
    connect(FAST.withRateLimit(new RateLimitPolicy(1, Duration.ofMinutes(1), Duration.ZERO)));

    result(connector.post(journal("MOV-FIRST")));
    Throwable refused = failure(connector.post(journal("MOV-SECOND")));

    assertThat(refused).isInstanceOf(ErpSaturatedException.class).hasMessageContaining("rate limit");
    assertThat(result(erp.stats()).received()).isEqualTo(1);
  }

  @Test
  void rate_limit_delays_calls_into_later_periods_instead_of_failing_them() {
    connect(FAST.withRateLimit(new RateLimitPolicy(1, Duration.ofMillis(300), Duration.ofSeconds(2))));

    long start = System.nanoTime();
    for (String reference : new String[] {"MOV-A", "MOV-B", "MOV-C"}) {
      result(connector.post(journal(reference)));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // one call per period: the third starts at least one whole period after the first
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(result(erp.stats()).posted()).isEqualTo(3);
  }
}
