package io.stocksync.workers;

import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.topology.Lane;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;

/** Writes events into the PostgreSQL ledger, each exactly once. */
public final class LedgerRepository {

  /** What applying an event did. */
  public enum Outcome {
    APPLIED,
    DUPLICATE
  }

  private final Pool pool;

  public LedgerRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Outcome> apply(InventoryEvent event, Lane lane, JsonObject payload) {
    Tuple params = Tuple.tuple()
      .addUUID(event.transactionId())
      .addString(event.source())
      .addString(event.transactionKey())
      .addString(event.type().wireName())
      .addString(lane.id())
      .addOffsetDateTime(event.occurredAt().atOffset(ZoneOffset.UTC))
      .addOffsetDateTime(event.receivedAt().atOffset(ZoneOffset.UTC))
      .addValue(payload)
      .addString(event.sku())
      .addString(event.location())
      .addString(event.lot() == null ? "" : event.lot())
      .addString(event.unit())
      .addBigDecimal(event.onHandDelta());
    return pool.preparedQuery(LedgerSql.APPLY_ON_HAND_DELTA)
      .execute(params)
      .map(rows -> rows.iterator().next().getLong("applied") == 1 ? Outcome.APPLIED : Outcome.DUPLICATE);
  }
}
