package io.stocksync.erp;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs ERP calls through circuit breaker, bulkhead, rate limiter and retry without ever blocking a
 * thread: permissions are tried, never awaited, and every wait (rate-limit slot, backoff) is a
 * Vert.x timer. Only {@link ErpTransientException}s from the ERP are retried; the connector's own
 * refusals (open breaker, saturation) fail fast.
 */
final class ErpGuards {

  private final Vertx vertx;
  private final String name;
  private final Duration openFor;
  private final CircuitBreaker breaker;
  private final Bulkhead bulkhead;
  private final RateLimiter rateLimiter;
  private final Retry retry;

  ErpGuards(Vertx vertx, String name, ErpResilienceConfig config) {
    this.vertx = vertx;
    this.name = name;
    this.openFor = config.breaker().openFor();
    this.breaker = CircuitBreaker.of(name, breakerConfig(config.breaker()));
    this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
      .maxConcurrentCalls(config.bulkhead().maxConcurrentCalls())
      .maxWaitDuration(Duration.ZERO)
      .build());
    this.rateLimiter = RateLimiter.of(name, RateLimiterConfig.custom()
      .limitForPeriod(config.rateLimit().limitForPeriod())
      .limitRefreshPeriod(config.rateLimit().period())
      .timeoutDuration(config.rateLimit().maxWait())
      .build());
    this.retry = Retry.of(name, retryConfig(config.retry()));
  }

  CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  /** Runs {@code call} under all guards, again after a backoff while it fails transiently. */
  <T> Future<T> call(Supplier<Future<T>> call) {
    return attempt(call, retry.asyncContext());
  }

  private <T> Future<T> attempt(Supplier<Future<T>> call, Retry.AsyncContext<T> retryContext) {
    return guarded(call).transform(result -> {
      if (result.succeeded()) {
        retryContext.onComplete();
        return Future.succeededFuture(result.result());
      }
      long delayMs = retryContext.onError(result.cause());
      if (delayMs < 0) {
        return Future.failedFuture(result.cause());
      }
      return vertx.timer(Math.max(1, delayMs), TimeUnit.MILLISECONDS).compose(v -> attempt(call, retryContext));
    });
  }

  private <T> Future<T> guarded(Supplier<Future<T>> call) {
    if (!breaker.tryAcquirePermission()) {
      return Future.failedFuture(new ErpCircuitOpenException(name, openFor));
    }
    if (!bulkhead.tryAcquirePermission()) {
      breaker.releasePermission();
      return Future.failedFuture(new ErpSaturatedException("ERP connector " + name + " has all "
        + bulkhead.getBulkheadConfig().getMaxConcurrentCalls() + " concurrent calls in flight"));
    }
    long waitNanos = rateLimiter.reservePermission();
    if (waitNanos < 0) {
      bulkhead.onComplete();
      breaker.releasePermission();
      return Future.failedFuture(new ErpSaturatedException("ERP connector " + name
        + " rate limit would delay the call beyond " + rateLimiter.getRateLimiterConfig().getTimeoutDuration().toMillis()
        + " ms"));
    }
    Future<Void> slot = waitNanos == 0
      ? Future.succeededFuture()
      : vertx.timer(TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1, TimeUnit.MILLISECONDS).mapEmpty();
    return slot.compose(v -> recorded(call)).andThen(result -> bulkhead.onComplete());
  }

  private <T> Future<T> recorded(Supplier<Future<T>> call) {
    long start = System.nanoTime();
    Future<T> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      future = Future.failedFuture(e);
    }
    return future.andThen(result -> record(result, System.nanoTime() - start));
  }

  // a rejection is a healthy ERP refusing content: only unanswered or failing calls open the breaker
  private void record(AsyncResult<?> result, long nanos) {
    if (result.succeeded() || result.cause() instanceof ErpRejectedException) {
      breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    } else {
      breaker.onError(nanos, TimeUnit.NANOSECONDS, result.cause());
    }
  }

  private static CircuitBreakerConfig breakerConfig(ErpResilienceConfig.BreakerPolicy policy) {
    return CircuitBreakerConfig.custom()
      .slidingWindowType(SlidingWindowType.COUNT_BASED)
      .slidingWindowSize(policy.slidingWindowSize())
      .minimumNumberOfCalls(policy.minimumCalls())
      .failureRateThreshold(policy.failureRatePercent())
      .waitDurationInOpenState(policy.openFor())
      .permittedNumberOfCallsInHalfOpenState(policy.halfOpenCalls())
      .build();
  }

  private static <T> RetryConfig retryConfig(ErpResilienceConfig.RetryPolicy policy) {
    IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff(),
      policy.multiplier(), policy.jitter(), policy.maxBackoff());
    long maxRetryAfterMs = policy.maxRetryAfter().toMillis();
    IntervalBiFunction<T> interval = (attempt, outcome) -> {
      long backoffMs = backoff.apply(attempt);
      Duration retryAfter = retryAfter(outcome);
      if (retryAfter == null) {
        return backoffMs;
      }
      // waiting less than the ERP asked for would only earn another 429
      return retryAfter.toMillis() > maxRetryAfterMs ? -1L : Math.max(backoffMs, retryAfter.toMillis());
    };
    return RetryConfig.<T>custom()
      .maxAttempts(policy.maxAttempts())
      .intervalBiFunction(interval)
      .retryOnException(ErpGuards::retryable)
      .failAfterMaxAttempts(false)
      .build();
  }

  private static Duration retryAfter(Either<Throwable, ?> outcome) {
    if (outcome.isLeft() && outcome.getLeft() instanceof ErpTransientException transientFailure) {
      return transientFailure.retryAfter().orElse(null);
    }
    return null;
  }

  private static boolean retryable(Throwable failure) {
    return failure instanceof ErpTransientException
      && !(failure instanceof ErpCircuitOpenException)
      && !(failure instanceof ErpSaturatedException);
  }
}
