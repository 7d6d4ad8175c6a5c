package io.stocksync.workers;

import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.topology.Lane;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.List;

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

  /** Applies an event whose item is resolved to a SKU; see {@link EventSemantics} for what it does. */
  public Future<Outcome> apply(InventoryEvent event, Lane lane, JsonObject payload) {
    return apply(pool, event, lane, payload);
  }

  /** The same, on a connection of the caller's transaction. */
  public Future<Outcome> apply(SqlClient client, InventoryEvent event, Lane lane, JsonObject payload) {
    List<EventSemantics.Move> moves;
    try {
      moves = EventSemantics.moves(event);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Tuple params = Tuple.tuple()
      .addUUID(event.transactionId())
      .addString(event.source())
      .addString(event.transactionKey())
      .addString(event.type().wireName())
      .addString(lane.id())
      .addOffsetDateTime(event.occurredAt().atOffset(ZoneOffset.UTC))
      .addOffsetDateTime(event.receivedAt().atOffset(ZoneOffset.UTC))
      .addValue(payload)
      .addValue(movesJson(moves))
      .addArrayOfString(event.serials().isEmpty() ? null : event.serials().toArray(String[]::new))
      .addLocalDate(event.expiry());
    return client.preparedQuery(LedgerSql.APPLY_EVENT)
      .execute(params)
      .map(rows -> outcome(rows.iterator().next()));
  }

  private static Outcome outcome(Row row) {
    return "applied".equals(row.getString("outcome")) ? Outcome.APPLIED : Outcome.DUPLICATE;
  }

  /** Quantities as strings, so that no JSON number on the way can round them. */
  static JsonArray movesJson(List<EventSemantics.Move> moves) {
    JsonArray array = new JsonArray();
    for (EventSemantics.Move move : moves) {
      array.add(new JsonObject()
        .put("item", move.item())
        .put("location", move.location())
        .put("lot", move.lot())
        .put("owner", move.owner())
        .put("state", move.state().wireName())
        .put("unit", move.unit())
        .put("quantity", move.quantity().toPlainString())
        .put("kind", move.kind().sqlName()));
    }
    return array;
  }
}
