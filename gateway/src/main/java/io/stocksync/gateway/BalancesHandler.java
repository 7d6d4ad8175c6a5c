package io.stocksync.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * {@code GET /v1/balances?item=&location=}: every state's quantity per item, location, lot, owner and
 * unit, straight from the ledger.
 */
final class BalancesHandler {

  static final String SELECT_BALANCES = """
    SELECT item, location, lot, owner, state, unit, quantity, updated_at
      FROM balance
     WHERE item = $1 AND ($2::text IS NULL OR location = $2)
     ORDER BY location, lot, owner, state, unit
     LIMIT 1000
    """;

  private final Pool pool;

  BalancesHandler(Pool pool) {
    this.pool = pool;
  }

  void list(RoutingContext ctx) {
    String item = ctx.queryParams().get("item");
    String location = ctx.queryParams().get("location");
    if (item == null || item.isBlank()) {
      ctx.fail(new ProblemException(ProblemType.INVALID_QUERY, "query parameter 'item' is required, e.g. ?item=SKU-1001"));
      return;
    }
    pool.preparedQuery(SELECT_BALANCES)
      .execute(Tuple.of(item, location == null || location.isBlank() ? null : location))
      .onSuccess(rows -> {
        JsonArray balances = new JsonArray();
        for (Row row : rows) {
          balances.add(toJson(row));
        }
        ctx.response()
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("item", item).put("location", location).put("balances", balances).toBuffer());
      })
      .onFailure(e -> ctx.fail(new ProblemException(ProblemType.DATABASE_UNAVAILABLE,
        "the ledger did not answer: " + e.getMessage(), null, 5)));
  }

  private static JsonObject toJson(Row row) {
    String lot = row.getString("lot");
    return new JsonObject()
      .put("location", row.getString("location"))
      .put("lot", lot.isEmpty() ? null : lot)
      .put("owner", row.getString("owner").isEmpty() ? null : row.getString("owner"))
      .put("state", row.getString("state"))
      .put("unit", row.getString("unit"))
      .put("quantity", row.getBigDecimal("quantity").stripTrailingZeros().toPlainString())
      .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString());
  }
}
