package io.stocksync.erp;

import java.time.Duration;
import java.util.Objects;

/**
 * How the connector protects the ERP and itself: retries of transient failures, the circuit
 * breaker, the bulkhead (concurrent calls) and the rate limit. {@link #defaults()} suits a cloud
 * ERP; every part is validated with the name of its configuration key.
 */
public record ErpResilienceConfig(RetryPolicy retry, BreakerPolicy breaker, BulkheadPolicy bulkhead,
                                  RateLimitPolicy rateLimit) {

  public static ErpResilienceConfig defaults() {
    return new ErpResilienceConfig(RetryPolicy.defaults(), BreakerPolicy.defaults(), BulkheadPolicy.defaults(),
      RateLimitPolicy.defaults());
  }

  public ErpResilienceConfig {
    retry = Objects.requireNonNullElseGet(retry, RetryPolicy::defaults);
    breaker = Objects.requireNonNullElseGet(breaker, BreakerPolicy::defaults);
    bulkhead = Objects.requireNonNullElseGet(bulkhead, BulkheadPolicy::defaults);
    rateLimit = Objects.requireNonNullElseGet(rateLimit, RateLimitPolicy::defaults);
  }

  public ErpResilienceConfig withRetry(RetryPolicy retry) {
    return new ErpResilienceConfig(retry, breaker, bulkhead, rateLimit);
  }

  public ErpResilienceConfig withBreaker(BreakerPolicy breaker) {
    return new ErpResilienceConfig(retry, breaker, bulkhead, rateLimit);
  }

  public ErpResilienceConfig withBulkhead(BulkheadPolicy bulkhead) {
    return new ErpResilienceConfig(retry, breaker, bulkhead, rateLimit);
  }

  public ErpResilienceConfig withRateLimit(RateLimitPolicy rateLimit) {
    return new ErpResilienceConfig(retry, breaker, bulkhead, rateLimit);
  }

  /**
   * Retries of transient failures only, with exponential backoff and jitter. A Retry-After from
   * the ERP replaces a shorter backoff; one longer than {@code maxRetryAfter} is not waited for:
   * the call fails as transient and carries it, so the caller can schedule the next attempt.
   *
   * @param maxAttempts attempts in all, the first included (1 = no retry)
   * @param jitter randomization factor: each backoff is drawn from backoff × [1 − jitter, 1 + jitter]
   */
  public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, double jitter,
                            Duration maxBackoff, Duration maxRetryAfter) {

    public static RetryPolicy defaults() {
      return new RetryPolicy(4, Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public RetryPolicy {
      ConfigChecks.between("erp.retry.max-attempts", maxAttempts, 1, 20);
      ConfigChecks.between("erp.retry.initial-backoff-ms", initialBackoff, Duration.ofMillis(1), Duration.ofMinutes(1));
      ConfigChecks.between("erp.retry.multiplier", multiplier, 1.0, 10.0);
      ConfigChecks.between("erp.retry.jitter", jitter, 0.0, 1.0);
      ConfigChecks.between("erp.retry.max-backoff-ms", maxBackoff, initialBackoff, Duration.ofMinutes(10));
      ConfigChecks.between("erp.retry.max-retry-after-ms", maxRetryAfter, Duration.ZERO, Duration.ofHours(1));
    }
  }

  /**
   * A count-based breaker: over the last {@code slidingWindowSize} calls (once at least
   * {@code minimumCalls} were made), a failure rate at or above {@code failureRatePercent} opens
   * it. Open, it refuses calls for {@code openFor}; then {@code halfOpenCalls} trial calls decide
   * whether it closes again. Transient failures and unknown outcomes count as failures; answers,
   * rejections included, count as successes (the ERP is up).
   */
  public record BreakerPolicy(int failureRatePercent, int slidingWindowSize, int minimumCalls, Duration openFor,
                              int halfOpenCalls) {

    public static BreakerPolicy defaults() {
      return new BreakerPolicy(50, 20, 10, Duration.ofSeconds(30), 3);
    }

    public BreakerPolicy {
      ConfigChecks.between("erp.breaker.failure-rate-percent", failureRatePercent, 1, 100);
      ConfigChecks.between("erp.breaker.sliding-window-size", slidingWindowSize, 1, 10_000);
      ConfigChecks.between("erp.breaker.minimum-calls", minimumCalls, 1, slidingWindowSize);
      ConfigChecks.between("erp.breaker.open-ms", openFor, Duration.ofMillis(1), Duration.ofHours(1));
      ConfigChecks.between("erp.breaker.half-open-calls", halfOpenCalls, 1, 1_000);
    }
  }

  /**
   * At most {@code maxConcurrentCalls} calls in flight towards the ERP (also the HTTP connection
   * pool size). A call beyond that fails at once as {@link ErpSaturatedException}.
   */
  public record BulkheadPolicy(int maxConcurrentCalls) {

    public static BulkheadPolicy defaults() {
      return new BulkheadPolicy(16);
    }

    public BulkheadPolicy {
      ConfigChecks.between("erp.bulkhead.max-concurrent", maxConcurrentCalls, 1, 1_000);
    }
  }

  /**
   * At most {@code limitForPeriod} calls start per {@code period}. A call waits (on a timer, not a
   * thread) for its slot up to {@code maxWait}; one that would wait longer fails at once as
   * {@link ErpSaturatedException}.
   */
  public record RateLimitPolicy(int limitForPeriod, Duration period, Duration maxWait) {

    public static RateLimitPolicy defaults() {
      return new RateLimitPolicy(50, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    public RateLimitPolicy {
      ConfigChecks.between("erp.rate-limit.per-second", limitForPeriod, 1, 100_000);
      ConfigChecks.between("erp.rate-limit.period-ms", period, Duration.ofMillis(1), Duration.ofHours(1));
      ConfigChecks.between("erp.rate-limit.max-wait-ms", maxWait, Duration.ZERO, Duration.ofMinutes(5));
    }
  }
}
