package io.stocksync.app;

import io.stocksync.erp.ErpFieldMapping;
import io.stocksync.erp.ErpResilienceConfig;
import io.stocksync.erp.RestErpConfig;
import io.stocksync.workers.erp.ErpPosterConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code erp.*} settings: which connector posts the ledger's movements, where it reaches the
 * ERP, and how the outbox poster and the connector's guards behave. {@code rest} is null when
 * {@code erp.connector} is {@code none}: postings then wait in the outbox.
 */
public record ErpSettings(RestErpConfig rest, ErpPosterConfig poster) {

  public boolean enabled() {
    return rest != null;
  }

  /**
   * Reads the settings; {@code reference} is the base URL of an embedded reference ERP ({@code dev}),
   * which serves when {@code erp.connector} is unset, or null elsewhere, where the default is none.
   */
  static ErpSettings from(Settings s, String reference) {
    String connector = s.string("erp.connector", reference != null ? "rest" : "none");
    ErpPosterConfig poster = new ErpPosterConfig(
      Duration.ofMillis(s.integer("erp.poll-interval-ms", 500)),
      s.integer("erp.batch-size", ErpResilienceConfig.BulkheadPolicy.defaults().maxConcurrentCalls()),
      Duration.ofSeconds(60),
      Duration.ofMillis(s.integer("erp.first-retry-ms", 1000)),
      Duration.ofMillis(s.integer("erp.breaker.open-ms", 30_000)));
    return switch (connector) {
      case "none" -> new ErpSettings(null, poster);
      case "rest" -> new ErpSettings(checked(rest(s, reference), poster), poster);
      default -> throw new IllegalArgumentException("erp.connector must be none or rest, was '" + connector + "'");
    };
  }

  /**
   * A batch posts all its journals at once, so a batch larger than the bulkhead would have the
   * surplus refused as saturated and sent to back off on every full batch.
   */
  private static RestErpConfig checked(RestErpConfig rest, ErpPosterConfig poster) {
    int bulkhead = rest.resilience().bulkhead().maxConcurrentCalls();
    if (poster.batchSize() > bulkhead) {
      throw new IllegalArgumentException("erp.batch-size (" + poster.batchSize() + ") must not exceed "
        + "erp.bulkhead.max-concurrent (" + bulkhead + "): a batch posts its journals at once");
    }
    return rest;
  }

  private static RestErpConfig rest(Settings s, String reference) {
    String baseUrl = reference != null && !s.has("erp.base-url") ? reference : s.required("erp.base-url");
    RestErpConfig defaults = RestErpConfig.of(baseUrl);
    ErpFieldMapping f = ErpFieldMapping.REFERENCE_ERP;
    ErpFieldMapping fields = new ErpFieldMapping(
      s.string("erp.fields.reference", f.reference()),
      s.string("erp.fields.lines", f.lines()),
      s.string("erp.fields.item", f.item()),
      s.string("erp.fields.location", f.location()),
      s.string("erp.fields.lot", f.lot()),
      s.string("erp.fields.unit", f.unit()),
      s.string("erp.fields.quantity", f.quantity()),
      s.string("erp.fields.movement-type", f.movementType()),
      s.string("erp.fields.document-id", f.documentId()),
      s.string("erp.fields.duplicate-header", f.duplicateHeader()),
      bool(s, "erp.fields.quantity-as-string", f.quantityAsString()));
    Map<String, String> headers = new LinkedHashMap<>();
    if (s.has("erp.api-key")) {
      headers.put(s.string("erp.api-key-header", "Authorization"), s.string("erp.api-key", null));
    }
    ErpResilienceConfig.RetryPolicy retry = ErpResilienceConfig.RetryPolicy.defaults();
    ErpResilienceConfig.BreakerPolicy breaker = ErpResilienceConfig.BreakerPolicy.defaults();
    ErpResilienceConfig.RateLimitPolicy rate = ErpResilienceConfig.RateLimitPolicy.defaults();
    ErpResilienceConfig resilience = new ErpResilienceConfig(
      new ErpResilienceConfig.RetryPolicy(s.integer("erp.retry.max-attempts", retry.maxAttempts()),
        Duration.ofMillis(s.integer("erp.retry.initial-backoff-ms", (int) retry.initialBackoff().toMillis())),
        retry.multiplier(), retry.jitter(),
        Duration.ofMillis(s.integer("erp.retry.max-backoff-ms", (int) retry.maxBackoff().toMillis())),
        retry.maxRetryAfter()),
      new ErpResilienceConfig.BreakerPolicy(s.integer("erp.breaker.failure-rate-percent", breaker.failureRatePercent()),
        breaker.slidingWindowSize(), breaker.minimumCalls(),
        Duration.ofMillis(s.integer("erp.breaker.open-ms", (int) breaker.openFor().toMillis())),
        breaker.halfOpenCalls()),
      new ErpResilienceConfig.BulkheadPolicy(s.integer("erp.bulkhead.max-concurrent",
        ErpResilienceConfig.BulkheadPolicy.defaults().maxConcurrentCalls())),
      new ErpResilienceConfig.RateLimitPolicy(s.integer("erp.rate-limit.per-second", rate.limitForPeriod()),
        Duration.ofSeconds(1), rate.maxWait()));
    return defaults
      .withPaths(s.string("erp.post-path", defaults.postPath()), s.string("erp.lookup-path", defaults.lookupPath()))
      .withTimeouts(Duration.ofMillis(s.integer("erp.request-timeout-ms", (int) defaults.requestTimeout().toMillis())),
        Duration.ofMillis(s.integer("erp.connect-timeout-ms", (int) defaults.connectTimeout().toMillis())))
      .withFields(fields)
      .withHeaders(headers)
      .withResilience(resilience);
  }

  private static boolean bool(Settings s, String key, boolean fallback) {
    String value = s.string(key, String.valueOf(fallback)).trim();
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }
}
