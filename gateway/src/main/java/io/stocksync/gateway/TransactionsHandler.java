package io.stocksync.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * {@code GET /v1/transactions/{id}}: what happened to one accepted request, as far as the ledger
 * knows: applied (with its movements) or recognised as a duplicate of an earlier transaction.
 */
final class TransactionsHandler {

  static final String SELECT_TRANSACTION = """
    SELECT 'applied' AS outcome, e.id AS event_id, e.transaction_id AS original, e.event_type, e.source_system,
           e.transaction_key, e.lane, e.occurred_at, e.received_at, e.applied_at AS recorded_at
      FROM inventory_event e
     WHERE e.transaction_id = $1
    UNION ALL
    SELECT 'duplicate', e.id, e.transaction_id, e.event_type, e.source_system,
           e.transaction_key, d.lane, e.occurred_at, d.received_at, d.seen_at
      FROM duplicate_delivery d JOIN inventory_event e ON e.id = d.original_event_id
     WHERE d.transaction_id = $1
    """;

  static final String SELECT_MOVEMENTS = """
    SELECT item, location, lot, state, unit, quantity, recorded_at
      FROM movement
     WHERE event_id = $1
     ORDER BY id
    """;

  private final Pool pool;

  TransactionsHandler(Pool pool) {
    this.pool = pool;
  }

  void show(RoutingContext ctx) {
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      ctx.fail(new ProblemException(ProblemType.INVALID_QUERY,
        "'" + ctx.pathParam("id") + "' is not a transaction id (a UUID as returned by POST /v1/events)"));
      return;
    }
    pool.preparedQuery(SELECT_TRANSACTION).execute(Tuple.of(id))
      .compose(rows -> {
        if (rows.size() == 0) {
          throw new ProblemException(ProblemType.TRANSACTION_NOT_FOUND, "no worker has recorded transaction " + id
            + " yet: it is still queued, or it was never accepted (only a 202 answer means accepted)");
        }
        Row row = rows.iterator().next();
        return pool.preparedQuery(SELECT_MOVEMENTS).execute(Tuple.of(row.getLong("event_id")))
          .map(movements -> toJson(id, row, movements));
      })
      .onSuccess(body -> ctx.response().putHeader("Content-Type", "application/json").end(body.toBuffer()))
      .onFailure(e -> ctx.fail(e instanceof ProblemException ? e : new ProblemException(
        ProblemType.DATABASE_UNAVAILABLE, "the ledger did not answer: " + e.getMessage(), null, 5)));
  }

  private static JsonObject toJson(UUID id, Row row, RowSet<Row> movements) {
    boolean duplicate = "duplicate".equals(row.getString("outcome"));
    JsonArray stages = new JsonArray()
      .add(new JsonObject().put("stage", "received").put("at", row.getOffsetDateTime("received_at").toInstant().toString()))
      .add(new JsonObject().put("stage", "queued").put("lane", row.getString("lane")))
      .add(new JsonObject().put("stage", duplicate ? "duplicate" : "applied")
        .put("at", row.getOffsetDateTime("recorded_at").toInstant().toString()));
    JsonObject body = new JsonObject()
      .put("transactionId", id.toString())
      .put("status", duplicate ? "duplicate" : "applied")
      .put("type", row.getString("event_type"))
      .put("source", row.getString("source_system"))
      .put("transactionKey", row.getString("transaction_key"))
      .put("occurredAt", row.getOffsetDateTime("occurred_at").toInstant().toString())
      .put("stages", stages);
    if (duplicate) {
      body.put("duplicateOf", row.getUUID("original").toString());
    } else {
      JsonArray list = new JsonArray();
      for (Row m : movements) {
        String lot = m.getString("lot");
        list.add(new JsonObject()
          .put("item", m.getString("item"))
          .put("location", m.getString("location"))
          .put("lot", lot.isEmpty() ? null : lot)
          .put("state", m.getString("state"))
          .put("unit", m.getString("unit"))
          .put("quantity", m.getBigDecimal("quantity").stripTrailingZeros().toPlainString()));
      }
      body.put("movements", list);
    }
    return body;
  }
}
