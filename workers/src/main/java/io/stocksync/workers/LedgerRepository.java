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

  /**
   * An event of a source that may not take on-hand below zero would have: nothing of it was applied
   * (its transaction, or its savepoint, rolled back). Names the first such position, with what it would have held and
   * the event's last movement on it, after which any new movement of the position may bring the stock.
   */
  public static final class InsufficientStockException extends RuntimeException {
    private final String sku;
    private final String location;
    private final long movementId;

    InsufficientStockException(String source, Row row) {
      super("source " + source + " may not take on-hand below zero: " + row.getString("item") + " at "
        + row.getString("location") + (row.getString("lot").isEmpty() ? "" : " lot " + row.getString("lot"))
        + (row.getString("owner").isEmpty() ? "" : " owner " + row.getString("owner")) + " would be "
        + row.getBigDecimal("quantity").stripTrailingZeros().toPlainString() + " " + row.getString("unit"),
        null, false, false);
      this.sku = row.getString("item");
      this.location = row.getString("location");
      this.movementId = row.getLong("last_movement_id");
    }

    public String sku() {
      return sku;
    }

    public String location() {
      return location;
    }

    public long movementId() {
      return movementId;
    }
  }

  private final Pool pool;
  private final NegativeOnHandPolicy negativeOnHand;

  public LedgerRepository(Pool pool) {
    this(pool, NegativeOnHandPolicy.ALLOW);
  }

  public LedgerRepository(Pool pool, NegativeOnHandPolicy negativeOnHand) {
    this.pool = pool;
    this.negativeOnHand = negativeOnHand;
  }

  /** Whether the ledger holds this event (its source and transaction key) already. */
  public Future<Boolean> knows(InventoryEvent event) {
    return pool.preparedQuery(LedgerSql.KNOWS_EVENT)
      .execute(Tuple.of(event.source(), event.transactionKey()))
      .map(rows -> rows.size() > 0);
  }

  /**
   * Applies an event whose item is resolved to a SKU; see {@link EventSemantics} for what it does.
   * Fails with {@link InsufficientStockException}, having applied nothing, when its source may not
   * take on-hand below zero and it would.
   */
  public Future<Outcome> apply(InventoryEvent event, Lane lane, JsonObject payload) {
    if (negativeOnHand.refuses(event.source())) {
      // the check runs after the apply, so both must be one transaction that the check can roll back
      return pool.withTransaction(conn -> apply(conn, event, lane, payload));
    }
    return apply(pool, event, lane, payload);
  }

  /**
   * The same, on a connection of the caller's transaction. An insufficient stock undoes this event
   * only (back to a savepoint), so the caller's transaction may go on, e.g. to quarantine it.
   */
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
    boolean guarded = negativeOnHand.refuses(event.source());
    // guarded, the client is a transaction's connection: a savepoint lets a refusal undo only this event
    Future<?> start = guarded ? client.query(LedgerSql.SAVEPOINT).execute() : Future.succeededFuture();
    return start.compose(v -> client.preparedQuery(LedgerSql.APPLY_EVENT).execute(params))
      .compose(rows -> {
        Row row = rows.iterator().next();
        Outcome outcome = outcome(row);
        if (outcome != Outcome.APPLIED || !guarded) {
          return Future.succeededFuture(outcome);
        }
        // the event's position locks are still held: nothing can change these balances before the commit
        return client.preparedQuery(LedgerSql.BELOW_ZERO).execute(Tuple.of(row.getLong("event_id")))
          .compose(below -> below.size() == 0 ? Future.succeededFuture(outcome)
            : client.query(LedgerSql.ROLLBACK_TO_SAVEPOINT).execute().compose(undone ->
              Future.<Outcome>failedFuture(new InsufficientStockException(event.source(), below.iterator().next()))));
      });
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
