package io.stocksync.workers;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.units.UnitCatalog;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings back events that were set aside: every few seconds it applies quarantined events whose
 * item mapping, pack size, location or stock now exists, and failed events an operator asked to replay. Each one is applied in
 * its own transaction, which also marks it done; a row lock makes each one done once, so any number
 * of workers may run this.
 */
public final class RedriveVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RedriveVerticle.class);
  static final int BATCH = 100;

  private final DatabaseConfig database;
  private final Duration interval;
  private final WorkerCounters counters;
  private final MasterDataPolicy policy;
  private Pool pool;
  private QuarantineRepository quarantine;
  private FailedEventRepository failures;
  private long timer = -1;
  private boolean running;

  public RedriveVerticle(DatabaseConfig database, Duration interval, WorkerCounters counters, MasterDataPolicy policy) {
    this.database = database;
    this.interval = interval;
    this.counters = counters;
    this.policy = policy;
  }

  @Override
  public Future<?> start() {
    pool = Connections.pgPool(vertx, database, "stocksync-redrive");
    LedgerRepository ledger = new LedgerRepository(pool, policy.negativeOnHand());
    quarantine = new QuarantineRepository(pool, ledger, UnitCatalog.load(), policy);
    failures = new FailedEventRepository(pool, ledger, quarantine);
    timer = vertx.setPeriodic(interval.toMillis(), id -> sweep());
    return Future.succeededFuture();
  }

  /** One pass over both; skipped while the previous one is still running. */
  Future<Void> sweep() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    return quarantine.releasable(BATCH)
      .compose(ids -> each(ids, this::release))
      .compose(v -> failures.replayRequested(BATCH))
      .compose(ids -> each(ids, this::replay))
      .onFailure(e -> LOG.warn("re-drive pass skipped: {}", e.toString()))
      .onComplete(ar -> running = false);
  }

  private static <T> Future<Void> each(List<T> ids, Function<T, Future<Void>> action) {
    Future<Void> chain = Future.succeededFuture();
    for (T id : ids) {
      chain = chain.compose(v -> action.apply(id));
    }
    return chain;
  }

  private Future<Void> release(UUID id) {
    return quarantine.release(id)
      .map(done -> {
        done.ifPresent(release -> {
          counters.released();
          LOG.info("released quarantined event {} on lane {}: {}", id, release.lane().id(),
            release.outcome().name().toLowerCase());
        });
        return (Void) null;
      })
      .recover(e -> {
        LOG.warn("could not release quarantined event {}: {}", id, e.toString());
        return quarantine.releaseFailed(id, e).otherwiseEmpty();
      });
  }

  private Future<Void> replay(Long id) {
    return failures.replay(id)
      .map((Optional<FailedEventRepository.Replay> done) -> {
        done.ifPresent(outcome -> LOG.info("replayed failed event {}: {}", id, outcome.name().toLowerCase()));
        return (Void) null;
      })
      .recover(e -> {
        LOG.warn("replay of failed event {} failed again: {}", id, e.toString());
        return failures.replayFailed(id, e).otherwiseEmpty();
      });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return pool.close();
  }
}
