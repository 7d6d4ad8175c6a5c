package io.stocksync.workers.erp;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox poster works through its backlog.
 *
 * @param pollInterval how often it looks for due postings (erp.poll-interval-ms)
 * @param batchSize postings leased and posted at once (erp.batch-size)
 * @param lease how long a leased posting is this poster's before another may take it over
 * @param firstRetry delay before the first retry of a transient failure, doubling up to 5 minutes (erp.first-retry-ms)
 * @param pauseWhileOpen how long postings wait while the connector's circuit breaker is open
 */
public record ErpPosterConfig(Duration pollInterval, int batchSize, Duration lease, Duration firstRetry,
                              Duration pauseWhileOpen) {

  public static ErpPosterConfig defaults() {
    return new ErpPosterConfig(Duration.ofMillis(500), 20, Duration.ofSeconds(60), Duration.ofSeconds(1),
      Duration.ofSeconds(5));
  }

  public ErpPosterConfig {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(firstRetry, "firstRetry");
    Objects.requireNonNull(pauseWhileOpen, "pauseWhileOpen");
    if (pollInterval.toMillis() < 10 || pollInterval.toMillis() > 60_000) {
      throw new IllegalArgumentException("erp.poll-interval-ms must be between 10 and 60000, was " + pollInterval.toMillis());
    }
    if (batchSize < 1 || batchSize > 1_000) {
      throw new IllegalArgumentException("erp.batch-size must be between 1 and 1000, was " + batchSize);
    }
    if (firstRetry.toMillis() < 10 || firstRetry.compareTo(ErpPosterVerticle.MAX_BACKOFF) > 0) {
      throw new IllegalArgumentException("erp.first-retry-ms must be between 10 and 300000, was " + firstRetry.toMillis());
    }
  }
}
