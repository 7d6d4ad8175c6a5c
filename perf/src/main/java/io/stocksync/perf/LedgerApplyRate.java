package io.stocksync.perf;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.workers.LedgerRepository;
import io.stocksync.workers.SchemaMigrator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ledger apply rate: how many events per second the workers' apply statement commits, with
 * {@code concurrency} applies in flight over one pool, as the lane consumers run it (one
 * statement = one transaction per event, no batching). perf/ledger/run.sh runs it beside pgbench
 * executing the same statement shape, so the two rates form a ratio on the same box.
 *
 * <p>Arguments: host port database user seconds concurrency
 */
public final class LedgerApplyRate {

  private LedgerApplyRate() {
  }

  public static void main(String[] args) throws Exception {
    DatabaseConfig db = new DatabaseConfig(args[0], Integer.parseInt(args[1]), args[2], args[3], "",
      Integer.parseInt(args[5]));
    Duration duration = Duration.ofSeconds(Long.parseLong(args[4]));
    int concurrency = Integer.parseInt(args[5]);
    SchemaMigrator.migrate(db);
    Vertx vertx = Vertx.vertx();
    Pool pool = Connections.pgPool(vertx, db, "ledger-apply-rate");
    LedgerRepository ledger = new LedgerRepository(pool);
    AtomicLong committed = new AtomicLong();
    long deadline = System.nanoTime() + duration.toNanos();
    CountDownLatch done = new CountDownLatch(concurrency);
    long started = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      vertx.runOnContext(v -> next(ledger, committed, deadline, done));
    }
    done.await();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("stocksync ledger apply: %d events in %.1f s = %.0f events/s (concurrency %d)%n",
      committed.get(), seconds, committed.get() / seconds, concurrency);
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static void next(LedgerRepository ledger, AtomicLong committed, long deadline, CountDownLatch done) {
    if (System.nanoTime() >= deadline) {
      done.countDown();
      return;
    }
    InventoryEvent event = randomEvent();
    ledger.apply(event, Lane.STANDARD, new JsonObject().put("transactionId", event.transactionId().toString()))
      .onComplete(ar -> {
        if (ar.succeeded()) {
          committed.incrementAndGet();
        }
        next(ledger, committed, deadline, done);
      });
  }

  /** Same spread as the pgbench script: 1,000 items over 10 locations, a new business key each time. */
  static InventoryEvent randomEvent() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    UUID id = UUID.randomUUID();
    return InventoryEvent.builder().transactionId(id).type(EventType.RECEIPT).source("bench")
      .transactionKey(id.toString()).occurredAt(Instant.now()).receivedAt(Instant.now())
      .sku("SKU-" + random.nextInt(1_000)).location("DC-" + random.nextInt(10)).quantity(BigDecimal.ONE).unit("EA")
      .build();
  }
}
