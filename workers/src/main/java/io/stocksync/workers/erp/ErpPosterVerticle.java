package io.stocksync.workers.erp;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.erp.ErpCircuitOpenException;
import io.stocksync.erp.ErpConnector;
import io.stocksync.erp.ErpPosting;
import io.stocksync.erp.ErpRejectedException;
import io.stocksync.erp.ErpTransientException;
import io.stocksync.erp.ErpUnknownOutcomeException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the ERP outbox: leases due postings (critical lane first), posts each journal through the
 * connector with the transaction's reference as the ERP's idempotency key, and records the answer.
 * An unknown outcome (a timeout) is resolved by asking the ERP for the reference before posting
 * again; a transient failure waits with backoff and jitter, or as long as the ERP or the open
 * breaker says; a rejection is kept as failed with the ERP's reason. The ledger never waits for
 * any of this.
 */
public final class ErpPosterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ErpPosterVerticle.class);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final DatabaseConfig database;
  private final ErpPosterConfig config;
  private final Function<Vertx, ErpConnector> connectorFactory;
  private final ErpMetrics metrics;
  private Pool pool;
  private OutboxRepository outbox;
  private ErpConnector connector;
  private long pollTimer = -1;
  private boolean draining;
  private boolean stopping;

  public ErpPosterVerticle(DatabaseConfig database, ErpPosterConfig config,
                           Function<Vertx, ErpConnector> connectorFactory, ErpMetrics metrics) {
    this.database = database;
    this.config = config;
    this.connectorFactory = connectorFactory;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    pool = Connections.pgPool(vertx, database, "stocksync-erp-poster");
    outbox = new OutboxRepository(pool);
    connector = connectorFactory.apply(vertx);
    metrics.watch(connector);
    pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> drain());
    return Future.succeededFuture();
  }

  /** Posts due postings until none is due; one drain at a time. */
  void drain() {
    if (draining || stopping) {
      return;
    }
    draining = true;
    outbox.claim(config.batchSize(), config.lease())
      .compose(due -> {
        List<Future<Void>> posted = new ArrayList<>();
        due.forEach(posting -> posted.add(post(posting)));
        return Future.join(posted).map(v -> due.size());
      })
      .onComplete(ar -> {
        draining = false;
        if (ar.failed()) {
          LOG.warn("ERP outbox not drained: {}", ar.cause().toString());
        } else if (ar.result() == config.batchSize()) {
          vertx.runOnContext(v -> drain());
        }
      });
  }

  private Future<Void> post(OutboxRepository.Due due) {
    long started = System.nanoTime();
    Future<ErpPosting> call = due.unknownOutcome()
      ? connector.find(due.journal().externalReference())
        .compose(found -> found.isPresent() ? Future.succeededFuture(found.get()) : connector.post(due.journal()))
      : connector.post(due.journal());
    return call
      .compose(posting -> {
        metrics.called(posting.duplicate() ? "duplicate" : "posted", Duration.ofNanos(System.nanoTime() - started));
        return outbox.posted(due, posting.documentId());
      })
      .recover(e -> {
        metrics.called(outcome(e), Duration.ofNanos(System.nanoTime() - started));
        return record(due, e);
      })
      .recover(e -> {
        // the outcome could not be written: the lease runs out and the posting is taken again;
        // the ERP's reference makes that second post harmless
        LOG.warn("ERP posting {}: could not record the outcome: {}", due.transactionId(), e.toString());
        return Future.succeededFuture();
      });
  }

  private Future<Void> record(OutboxRepository.Due due, Throwable e) {
    if (e instanceof ErpRejectedException) {
      LOG.error("ERP posting {} rejected by the ERP, kept as failed: {}", due.transactionId(), e.getMessage());
      return outbox.failed(due, e.getMessage());
    }
    if (e instanceof ErpUnknownOutcomeException) {
      LOG.warn("ERP posting {}: outcome unknown, will ask the ERP: {}", due.transactionId(), e.getMessage());
      return outbox.retryLater(due, true, e.getMessage(), backoff(due.attempts()));
    }
    Duration wait = backoff(due.attempts());
    if (e instanceof ErpTransientException transient_ && transient_.retryAfter().isPresent()) {
      wait = transient_.retryAfter().get();
    }
    if (e instanceof ErpCircuitOpenException) {
      wait = config.pauseWhileOpen();
    }
    LOG.debug("ERP posting {} retried in {}: {}", due.transactionId(), wait, e.toString());
    return outbox.retryLater(due, due.unknownOutcome(), String.valueOf(e.getMessage()), wait);
  }

  /** Exponential from the first retry delay, capped, with full jitter so replicas do not march in step. */
  Duration backoff(int attempts) {
    long base = config.firstRetry().toMillis() << Math.min(Math.max(attempts - 1, 0), 16);
    long capped = Math.min(base, MAX_BACKOFF.toMillis());
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }

  static String outcome(Throwable e) {
    if (e instanceof ErpRejectedException) {
      return "rejected";
    }
    if (e instanceof ErpUnknownOutcomeException) {
      return "unknown";
    }
    if (e instanceof ErpCircuitOpenException) {
      return "circuit_open";
    }
    return "transient";
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pollTimer);
    return connector.close().recover(e -> Future.succeededFuture()).compose(v -> pool.close());
  }
}
