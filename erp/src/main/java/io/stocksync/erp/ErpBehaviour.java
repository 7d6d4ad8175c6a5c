package io.stocksync.erp;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * How the reference ERP misbehaves; {@link #NORMAL} is a fast, healthy ERP. Faults apply to the
 * {@code /api} endpoints only, never to {@code /admin}. In JSON ({@code PUT /admin/behaviour})
 * durations are whole milliseconds with an {@code Ms} suffix, and an absent key takes its
 * {@link #NORMAL} value.
 *
 * @param latency added before every answer
 * @param errorRate fraction of requests (0 to 1) answered {@code errorStatus} without being applied
 * @param errorStatus the 5xx status of those answers
 * @param seed seeds the random draw behind {@code errorRate}, so a run can be repeated exactly
 * @param rateLimited every request is answered 429, with {@code Retry-After} when {@code retryAfterSeconds > 0}
 * @param retryAfterSeconds the Retry-After of 429 answers (rate-limited mode and scripted 429s)
 * @param timeout requests are applied, but their answer is held for {@code timeoutHold}: longer
 *     than any sane caller waits, which leaves the caller with an unknown outcome
 * @param down every request is answered 503 and its connection closed, nothing is applied
 * @param postingDelay a posted journal shows in balances only this long after it was accepted
 *     (batch financial posting); its status is {@code pending} until then
 */
public record ErpBehaviour(Duration latency, double errorRate, int errorStatus, long seed, boolean rateLimited,
                           int retryAfterSeconds, boolean timeout, Duration timeoutHold, boolean down,
                           Duration postingDelay) {

  public static final ErpBehaviour NORMAL = new ErpBehaviour(Duration.ZERO, 0.0, 503, 42L, false, 1, false,
    Duration.ofSeconds(60), false, Duration.ZERO);

  public ErpBehaviour {
    ConfigChecks.between("latencyMs", latency, Duration.ZERO, Duration.ofMinutes(10));
    ConfigChecks.between("errorRate", errorRate, 0.0, 1.0);
    ConfigChecks.between("errorStatus", errorStatus, 500, 599);
    ConfigChecks.between("retryAfterSeconds", retryAfterSeconds, 0, 86_400);
    ConfigChecks.between("timeoutHoldMs", timeoutHold, Duration.ZERO, Duration.ofHours(1));
    ConfigChecks.between("postingDelayMs", postingDelay, Duration.ZERO, Duration.ofHours(24));
  }

  public ErpBehaviour withLatency(Duration latency) {
    return new ErpBehaviour(latency, errorRate, errorStatus, seed, rateLimited, retryAfterSeconds, timeout,
      timeoutHold, down, postingDelay);
  }

  public ErpBehaviour withErrors(double errorRate, int errorStatus, long seed) {
    return new ErpBehaviour(latency, errorRate, errorStatus, seed, rateLimited, retryAfterSeconds, timeout,
      timeoutHold, down, postingDelay);
  }

  public ErpBehaviour withRateLimited(boolean rateLimited, int retryAfterSeconds) {
    return new ErpBehaviour(latency, errorRate, errorStatus, seed, rateLimited, retryAfterSeconds, timeout,
      timeoutHold, down, postingDelay);
  }

  public ErpBehaviour withTimeout(boolean timeout, Duration timeoutHold) {
    return new ErpBehaviour(latency, errorRate, errorStatus, seed, rateLimited, retryAfterSeconds, timeout,
      timeoutHold, down, postingDelay);
  }

  public ErpBehaviour withDown(boolean down) {
    return new ErpBehaviour(latency, errorRate, errorStatus, seed, rateLimited, retryAfterSeconds, timeout,
      timeoutHold, down, postingDelay);
  }

  public ErpBehaviour withPostingDelay(Duration postingDelay) {
    return new ErpBehaviour(latency, errorRate, errorStatus, seed, rateLimited, retryAfterSeconds, timeout,
      timeoutHold, down, postingDelay);
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("latencyMs", latency.toMillis())
      .put("errorRate", errorRate)
      .put("errorStatus", errorStatus)
      .put("seed", seed)
      .put("rateLimited", rateLimited)
      .put("retryAfterSeconds", retryAfterSeconds)
      .put("timeout", timeout)
      .put("timeoutHoldMs", timeoutHold.toMillis())
      .put("down", down)
      .put("postingDelayMs", postingDelay.toMillis());
  }

  /** Reads the JSON form; a wrongly typed or out-of-range value is an IllegalArgumentException naming the key. */
  public static ErpBehaviour fromJson(JsonObject json) {
    ErpBehaviour d = NORMAL;
    return new ErpBehaviour(
      Duration.ofMillis(number(json, "latencyMs", d.latency.toMillis()).longValue()),
      number(json, "errorRate", d.errorRate).doubleValue(),
      number(json, "errorStatus", d.errorStatus).intValue(),
      number(json, "seed", d.seed).longValue(),
      bool(json, "rateLimited", d.rateLimited),
      number(json, "retryAfterSeconds", d.retryAfterSeconds).intValue(),
      bool(json, "timeout", d.timeout),
      Duration.ofMillis(number(json, "timeoutHoldMs", d.timeoutHold.toMillis()).longValue()),
      bool(json, "down", d.down),
      Duration.ofMillis(number(json, "postingDelayMs", d.postingDelay.toMillis()).longValue()));
  }

  private static Number number(JsonObject json, String key, Number fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n;
    }
    throw new IllegalArgumentException(key + " must be a number, was " + value);
  }

  private static boolean bool(JsonObject json, String key, boolean fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(key + " must be true or false, was " + value);
  }
}
