package io.stocksync.workers.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.embedded.TestServices;
import io.stocksync.erp.ErpBehaviour;
import io.stocksync.erp.ErpResilienceConfig;
import io.stocksync.erp.ErpStats;
import io.stocksync.erp.ReferenceErpConfig;
import io.stocksync.erp.ReferenceErpVerticle;
import io.stocksync.erp.RestErpConfig;
import io.stocksync.erp.RestErpConnector;
import io.stocksync.workers.LedgerRepository;
import io.stocksync.workers.SchemaMigrator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox poster against the reference ERP and a real PostgreSQL: every movement reaches the ERP
 * once, whether the ERP is healthy, down for a while, timing out, or refusing.
 */
class ErpPosterIT {

  static final ErpResilienceConfig FAST = ErpResilienceConfig.defaults()
    .withRetry(new ErpResilienceConfig.RetryPolicy(2, Duration.ofMillis(10), 2.0, 0.5, Duration.ofMillis(50),
      Duration.ofSeconds(1)))
    .withBreaker(new ErpResilienceConfig.BreakerPolicy(50, 10, 5, Duration.ofMillis(300), 2));

  Vertx vertx;
  Pool pool;
  LedgerRepository ledger;
  ReferenceErpVerticle erp;
  String posterDeployment;

  @BeforeEach
  void start() throws Exception {
    DatabaseConfig db = TestServices.freshDatabase();
    SchemaMigrator.migrate(db);
    vertx = Vertx.vertx();
    pool = Connections.pgPool(vertx, db, "erp-poster-it");
    ledger = new LedgerRepository(pool);
    erp = new ReferenceErpVerticle(ReferenceErpConfig.local());
    join(vertx.deployVerticle(erp));
    RestErpConfig connector = RestErpConfig.of(erp.baseUrl())
      .withTimeouts(Duration.ofMillis(400), Duration.ofMillis(200))
      .withResilience(FAST);
    ErpPosterConfig poster = new ErpPosterConfig(Duration.ofMillis(50), 20, Duration.ofSeconds(30),
      Duration.ofMillis(50), Duration.ofMillis(200));
    posterDeployment = join(vertx.deployVerticle(new ErpPosterVerticle(db, poster,
      v -> RestErpConnector.create(v, connector), new ErpMetrics(new SimpleMeterRegistry()))));
  }

  @AfterEach
  void stop() throws Exception {
    join(vertx.close());
  }

  static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static InventoryEvent event(EventType type, String quantity) {
    UUID id = UUID.randomUUID();
    return InventoryEvent.builder().transactionId(id).type(type).source("wms").transactionKey(id.toString())
      .occurredAt(Instant.now()).receivedAt(Instant.now()).sku("SKU-E").location("DC-1")
      .quantity(new BigDecimal(quantity)).unit("EA").build();
  }

  List<InventoryEvent> applyReceipts(int n) throws Exception {
    List<InventoryEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      InventoryEvent e = event(EventType.RECEIPT, "2");
      join(ledger.apply(e, Lane.STANDARD, new JsonObject()));
      events.add(e);
    }
    return events;
  }

  Row posting(UUID transactionId) throws Exception {
    var rows = join(pool.preparedQuery("SELECT * FROM erp_posting WHERE transaction_id = $1")
      .execute(Tuple.of(transactionId)));
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  long count(String status) throws Exception {
    return join(pool.preparedQuery("SELECT count(*) AS n FROM erp_posting WHERE status = $1").execute(Tuple.of(status)))
      .iterator().next().getLong("n");
  }

  static String reference(InventoryEvent e) {
    return "stocksync:" + e.transactionId();
  }

  @Test
  void every_stock_movement_is_posted_once_and_a_pick_posts_nothing() throws Exception {
    List<InventoryEvent> receipts = applyReceipts(5);
    InventoryEvent pick = event(EventType.PICK, "1");
    join(ledger.apply(pick, Lane.CRITICAL, new JsonObject()));

    await().atMost(Duration.ofSeconds(20)).until(() -> count("posted") == 5);
    assertThat(posting(pick.transactionId())).as("a pick moves no stock the ERP books").isNull();
    ErpStats stats = join(erp.stats());
    for (InventoryEvent e : receipts) {
      assertThat(stats.timesSeen(reference(e))).isEqualTo(1);
      assertThat(posting(e.transactionId()).getString("erp_document_id")).startsWith("ERP-");
    }
  }

  @Test
  void the_ledger_keeps_flowing_while_the_erp_is_down_and_the_outbox_drains_on_recovery() throws Exception {
    join(erp.behave(ErpBehaviour.NORMAL.withDown(true)));
    List<InventoryEvent> receipts = applyReceipts(10);

    await().atMost(Duration.ofSeconds(10)).until(() -> join(pool.query(
      "SELECT count(*) AS n FROM erp_posting WHERE attempts > 0 AND last_error IS NOT NULL").execute())
      .iterator().next().getLong("n") > 0);
    assertThat(count("posted")).isZero();
    assertThat(join(pool.query("SELECT sum(quantity) AS q FROM balance WHERE item = 'SKU-E'").execute())
      .iterator().next().getBigDecimal("q")).isEqualByComparingTo("20");

    join(erp.behave(ErpBehaviour.NORMAL));

    await().atMost(Duration.ofSeconds(30)).until(() -> count("posted") == 10);
    ErpStats stats = join(erp.stats());
    for (InventoryEvent e : receipts) {
      assertThat(stats.timesSeen(reference(e))).as("ERP saw each reference once").isEqualTo(1);
    }
  }

  @Test
  void a_timeout_is_an_unknown_outcome_resolved_by_asking_the_erp() throws Exception {
    join(erp.behave(ErpBehaviour.NORMAL.withTimeout(true, Duration.ofSeconds(2))));
    InventoryEvent receipt = applyReceipts(1).get(0);

    await().atMost(Duration.ofSeconds(10)).until(() -> "unknown".equals(posting(receipt.transactionId())
      .getString("status")));
    join(erp.behave(ErpBehaviour.NORMAL));

    await().atMost(Duration.ofSeconds(20)).until(() -> "posted".equals(posting(receipt.transactionId())
      .getString("status")));
    assertThat(join(erp.stats()).timesSeen(reference(receipt))).as("found, not posted again").isEqualTo(1);
  }

  @Test
  void a_journal_the_erp_refuses_is_kept_as_failed_with_its_reason_and_not_retried() throws Exception {
    join(erp.failNext(1, 422));
    InventoryEvent refused = applyReceipts(1).get(0);

    await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(posting(refused.transactionId())
      .getString("status")));
    Row row = posting(refused.transactionId());
    assertThat(row.getString("last_error")).contains("422");
    assertThat(row.getInteger("attempts")).isEqualTo(1);

    // later postings are not held up by the refused one
    InventoryEvent next = applyReceipts(1).get(0);
    await().atMost(Duration.ofSeconds(20)).until(() -> "posted".equals(posting(next.transactionId())
      .getString("status")));
    assertThat(posting(refused.transactionId()).getInteger("attempts")).isEqualTo(1);
  }

  @Test
  void critical_lane_postings_are_taken_first() throws Exception {
    join(vertx.undeploy(posterDeployment));
    applyReceipts(3);
    InventoryEvent shipment = event(EventType.SHIPMENT, "1");
    join(ledger.apply(shipment, Lane.CRITICAL, new JsonObject()));

    List<OutboxRepository.Due> due = join(new OutboxRepository(pool).claim(2, Duration.ofSeconds(5)));

    assertThat(due).hasSize(2);
    assertThat(due.get(0).transactionId()).isEqualTo(shipment.transactionId());
    assertThat(due.get(0).journal().lines().get(0).quantity()).isEqualByComparingTo("-1");
    assertThat(due.get(0).journal().lines().get(0).movementType()).isEqualTo("shipment");
  }
}
