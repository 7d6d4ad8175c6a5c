package io.stocksync.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** What the admin API's operations on one event share: its transaction id in the path, the answer to a request for it. */
final class AdminRequests {

  private AdminRequests() {
  }

  /** The {@code transactionId} path parameter; a {@code 400 invalid-query} problem when it is not a UUID. */
  static UUID transactionId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("transactionId"));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(ProblemType.INVALID_QUERY, "'" + ctx.pathParam("transactionId")
        + "' is not a transaction id (a UUID as returned by POST /v1/events)");
    }
  }

  /**
   * The answer to a requested replay or retry: {@code 202} when it was requested {@code now},
   * {@code 200} when nothing was done; the row as {@code member}.
   */
  static void answer(RoutingContext ctx, boolean now, String detail, String member, JsonObject row) {
    ctx.response()
      .setStatusCode(now ? 202 : 200)
      .putHeader("Content-Type", "application/json")
      .end(new JsonObject()
        .put("requested", now)
        .put("detail", detail)
        .put(member, row)
        .toBuffer());
  }
}
