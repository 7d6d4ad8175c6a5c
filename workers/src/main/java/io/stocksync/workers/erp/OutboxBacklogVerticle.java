package io.stocksync.workers.erp;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the ERP outbox (postings not yet posted, and the age of the oldest) for the backlog
 * gauges. It runs whether or not a connector posts, so a process with {@code erp.connector: none}
 * shows the postings piling up instead of a backlog of zero.
 */
public final class OutboxBacklogVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxBacklogVerticle.class);

  private final DatabaseConfig database;
  private final Duration interval;
  private final ErpMetrics metrics;
  private Pool pool;
  private OutboxRepository outbox;
  private long timer = -1;

  public OutboxBacklogVerticle(DatabaseConfig database, Duration interval, ErpMetrics metrics) {
    this.database = database;
    this.interval = interval;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    pool = Connections.pgPool(vertx, database.withPoolSize(1), "stocksync-erp-backlog");
    outbox = new OutboxRepository(pool);
    measure();
    timer = vertx.setPeriodic(interval.toMillis(), id -> measure());
    return Future.succeededFuture();
  }

  private void measure() {
    outbox.backlog()
      .onSuccess(metrics::backlog)
      .onFailure(e -> LOG.debug("outbox backlog not measured: {}", e.toString()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return pool.close();
  }
}
