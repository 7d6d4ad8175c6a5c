package io.stocksync.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.event.Disposition;
import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.StockState;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.embedded.TestServices;
import io.stocksync.workers.LedgerRepository.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every event type against a real PostgreSQL ledger: states, duplicates, late counts, concurrency. */
class LedgerSemanticsIT {

  static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

  static Vertx vertx;
  static Pool pool;
  static LedgerRepository ledger;

  @BeforeAll
  static void start() {
    DatabaseConfig db = TestServices.freshDatabase();
    SchemaMigrator.migrate(db);
    vertx = Vertx.vertx();
    pool = Connections.pgPool(vertx, db, "ledger-semantics-it");
    ledger = new LedgerRepository(pool);
  }

  @AfterAll
  static void stop() throws Exception {
    await(pool.close());
    await(vertx.close());
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static InventoryEvent.Builder event(EventType type, String sku, String location, String quantity, int minute) {
    UUID id = UUID.randomUUID();
    return InventoryEvent.builder().transactionId(id).type(type).source("wms").transactionKey(id.toString())
      .occurredAt(T0.plusSeconds(60L * minute)).receivedAt(Instant.now())
      .sku(sku).location(location).quantity(new BigDecimal(quantity)).unit("EA");
  }

  static Outcome apply(InventoryEvent.Builder event) throws Exception {
    return apply(event.build());
  }

  static Outcome apply(InventoryEvent event) throws Exception {
    return await(ledger.apply(event, Lane.STANDARD, new JsonObject().put("references", new JsonObject(
      new java.util.HashMap<>(event.references())))));
  }

  static BigDecimal balance(String sku, String location, String state) throws Exception {
    var rows = await(pool.preparedQuery(
        "SELECT coalesce(sum(quantity), 0) AS q FROM balance WHERE item = $1 AND location = $2 AND state = $3")
      .execute(Tuple.of(sku, location, state)));
    return rows.iterator().next().getBigDecimal("q");
  }

  @Test
  void each_event_type_moves_stock_between_the_right_states() throws Exception {
    apply(event(EventType.RECEIPT, "SKU-A", "DC-1", "100", 0));
    apply(event(EventType.PICK, "SKU-A", "DC-1", "10", 1));
    apply(event(EventType.SHIPMENT, "SKU-A", "DC-1", "8", 2).fromState(StockState.ALLOCATED));
    apply(event(EventType.STATUS_CHANGE, "SKU-A", "DC-1", "5", 3).fromState(StockState.ON_HAND)
      .toState(StockState.DAMAGED));
    apply(event(EventType.ADJUSTMENT, "SKU-A", "DC-1", "-2", 4).state(StockState.DAMAGED).reasonCode("SCRAP"));
    apply(event(EventType.RETURN, "SKU-A", "DC-1", "1", 5));
    apply(event(EventType.RETURN, "SKU-A", "DC-1", "1", 5).disposition(Disposition.RESTOCK));
    assertThat(apply(event(EventType.RETURN, "SKU-A", "DC-1", "1", 5).disposition(Disposition.SCRAP)))
      .isEqualTo(Outcome.APPLIED);

    assertThat(balance("SKU-A", "DC-1", "on_hand")).isEqualByComparingTo("86");
    assertThat(balance("SKU-A", "DC-1", "allocated")).isEqualByComparingTo("2");
    assertThat(balance("SKU-A", "DC-1", "damaged")).isEqualByComparingTo("3");
    assertThat(balance("SKU-A", "DC-1", "quarantined")).isEqualByComparingTo("1");
  }

  @Test
  void a_transfer_is_in_transit_until_it_arrives_and_its_over_short_is_recorded() throws Exception {
    apply(event(EventType.RECEIPT, "SKU-T", "DC-1", "20", 0));
    apply(event(EventType.TRANSFER_OUT, "SKU-T", "DC-1", "12", 1).toLocation("STORE-9").reference("transfer", "TR-1"));

    assertThat(balance("SKU-T", "DC-1", "on_hand")).isEqualByComparingTo("8");
    assertThat(balance("SKU-T", "STORE-9", "in_transit")).isEqualByComparingTo("12");

    apply(event(EventType.TRANSFER_IN, "SKU-T", "STORE-9", "10", 90).reference("transfer", "TR-1"));

    assertThat(balance("SKU-T", "STORE-9", "in_transit")).isEqualByComparingTo("2");
    assertThat(balance("SKU-T", "STORE-9", "on_hand")).isEqualByComparingTo("10");
    Row status = await(pool.query("SELECT * FROM transfer_status WHERE transfer = 'TR-1'").execute()).iterator().next();
    assertThat(status.getString("destination")).isEqualTo("STORE-9");
    assertThat(status.getBigDecimal("shipped")).isEqualByComparingTo("12");
    assertThat(status.getBigDecimal("received")).isEqualByComparingTo("10");
    assertThat(status.getBigDecimal("over_short")).isEqualByComparingTo("-2");
  }

  @Test
  void a_second_delivery_of_the_same_business_event_changes_nothing() throws Exception {
    InventoryEvent first = event(EventType.RECEIPT, "SKU-D", "DC-1", "7", 0).transactionKey("RCV-D").build();
    InventoryEvent retry = first.toBuilder().transactionId(UUID.randomUUID()).build();

    assertThat(apply(first)).isEqualTo(Outcome.APPLIED);
    assertThat(apply(first)).isEqualTo(Outcome.DUPLICATE);
    assertThat(apply(retry)).isEqualTo(Outcome.DUPLICATE);

    assertThat(balance("SKU-D", "DC-1", "on_hand")).isEqualByComparingTo("7");
    var dup = await(pool.preparedQuery("SELECT count(*) AS n FROM duplicate_delivery WHERE transaction_id = $1")
      .execute(Tuple.of(retry.transactionId()))).iterator().next();
    assertThat(dup.getLong("n")).isEqualTo(1);
  }

  @Test
  void a_late_cycle_count_applies_the_difference_as_of_its_time() throws Exception {
    apply(event(EventType.RECEIPT, "SKU-C", "DC-1", "50", 0));
    apply(event(EventType.SHIPMENT, "SKU-C", "DC-1", "5", 30));
    // counted 47 at minute 10, before the shipment, but it arrives last: 3 were missing then
    apply(event(EventType.CYCLE_COUNT, "SKU-C", "DC-1", "47", 10).reasonCode("COUNT"));

    assertThat(balance("SKU-C", "DC-1", "on_hand")).isEqualByComparingTo("42");

    // a receipt from before the count arrives even later: the count had already seen those goods
    apply(event(EventType.RECEIPT, "SKU-C", "DC-1", "4", 5));

    assertThat(balance("SKU-C", "DC-1", "on_hand")).isEqualByComparingTo("42");
    var rows = await(pool.query("SELECT count(*) AS n FROM movement WHERE item = 'SKU-C' AND kind = 'count_correction'")
      .execute());
    assertThat(rows.iterator().next().getLong("n")).isEqualTo(1);
  }

  @Test
  void concurrent_events_in_any_order_end_where_event_time_says() throws Exception {
    Random random = new Random(42);
    List<InventoryEvent> events = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String sku = "SKU-R" + random.nextInt(2);
      String location = "DC-" + random.nextInt(2);
      int minute = i;
      if (i % 25 == 24) {
        events.add(event(EventType.CYCLE_COUNT, sku, location, String.valueOf(random.nextInt(200)), minute).build());
      } else if (random.nextBoolean()) {
        events.add(event(EventType.RECEIPT, sku, location, String.valueOf(1 + random.nextInt(20)), minute).build());
      } else {
        events.add(event(EventType.SHIPMENT, sku, location, String.valueOf(1 + random.nextInt(20)), minute).build());
      }
    }
    List<InventoryEvent> arrival = new ArrayList<>(events);
    Collections.shuffle(arrival, random);

    // all at once, over 8 connections: the pool applies them concurrently
    List<Future<Outcome>> applied = new ArrayList<>();
    for (InventoryEvent e : arrival) {
      applied.add(ledger.apply(e, Lane.STANDARD, new JsonObject()));
    }
    await(Future.all(applied));

    events.sort(Comparator.comparing(InventoryEvent::occurredAt));
    for (String sku : List.of("SKU-R0", "SKU-R1")) {
      for (String location : List.of("DC-0", "DC-1")) {
        BigDecimal expected = BigDecimal.ZERO;
        for (InventoryEvent e : events) {
          if (e.sku().equals(sku) && e.location().equals(location)) {
            expected = switch (e.type()) {
              case CYCLE_COUNT -> e.quantity();
              case RECEIPT -> expected.add(e.quantity());
              default -> expected.subtract(e.quantity());
            };
          }
        }
        assertThat(balance(sku, location, "on_hand")).as(sku + " at " + location).isEqualByComparingTo(expected);
      }
    }
    var mismatches = await(pool.query("""
        SELECT count(*) AS n FROM balance b
         WHERE b.quantity <> (SELECT coalesce(sum(m.quantity), 0) FROM movement m
                               WHERE (m.item, m.location, m.lot, m.owner, m.state, m.unit)
                                   = (b.item, b.location, b.lot, b.owner, b.state, b.unit))
        """).execute());
    assertThat(mismatches.iterator().next().getLong("n")).isZero();
  }
}
