package io.stocksync.workers;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-drives quarantined events: every few seconds it looks for events whose missing item mapping
 * now exists and applies each one in its own transaction, which also marks it released. Any number
 * of workers may run it; a row lock makes each event released once.
 */
public final class QuarantineRedriveVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(QuarantineRedriveVerticle.class);
  static final int BATCH = 100;

  private final DatabaseConfig database;
  private final Duration interval;
  private final WorkerCounters counters;
  private Pool pool;
  private QuarantineRepository quarantine;
  private long timer = -1;
  private boolean running;

  public QuarantineRedriveVerticle(DatabaseConfig database, Duration interval, WorkerCounters counters) {
    this.database = database;
    this.interval = interval;
    this.counters = counters;
  }

  @Override
  public Future<?> start() {
    pool = Connections.pgPool(vertx, database, "stocksync-quarantine");
    quarantine = new QuarantineRepository(pool, new LedgerRepository(pool));
    timer = vertx.setPeriodic(interval.toMillis(), id -> sweep());
    return Future.succeededFuture();
  }

  /** One pass; skipped while the previous one is still running. */
  Future<Integer> sweep() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    return quarantine.releasable(BATCH)
      .compose(this::releaseAll)
      .onFailure(e -> LOG.warn("quarantine re-drive skipped: {}", e.toString()))
      .onComplete(ar -> running = false);
  }

  private Future<Integer> releaseAll(List<UUID> ids) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (UUID id : ids) {
      chain = chain.compose(released -> quarantine.release(id)
        .map(done -> {
          done.ifPresent(release -> {
            counters.released();
            LOG.info("released quarantined event {} on lane {}: {}", id, release.lane().id(),
              release.outcome().name().toLowerCase());
          });
          return released + (done.isPresent() ? 1 : 0);
        })
        .recover(e -> {
          LOG.warn("could not release quarantined event {}: {}", id, e.toString());
          return quarantine.releaseFailed(id, e).otherwiseEmpty().map(released);
        }));
    }
    return chain;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return pool.close();
  }
}
