package io.stocksync.gateway;

import io.stocksync.gateway.masterdata.MasterDataRepository;
import io.stocksync.gateway.masterdata.QuarantinedEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;

/**
 * The admin view of the quarantine ({@code /v1/admin/quarantine…}, scope {@code admin}): accepted
 * events the workers keep until the mapping of their item appears, and those they released.
 */
final class AdminQuarantineHandler {

  private final MasterDataRepository masterData;

  AdminQuarantineHandler(MasterDataRepository masterData) {
    this.masterData = masterData;
  }

  void list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status") == null ? "waiting" : ctx.queryParams().get("status");
    if (!status.equals("waiting") && !status.equals("released") && !status.equals("all")) {
      throw new ProblemException(ProblemType.INVALID_QUERY,
        "status must be 'waiting', 'released' or 'all', was '" + status + "'");
    }
    PageQuery page = PageQuery.of(ctx);
    MasterDataRepository.QuarantineKey after = null;
    if (page.after() != null) {
      try {
        after = new MasterDataRepository.QuarantineKey(Instant.parse(page.afterString(0)),
          UUID.fromString(page.afterString(1)));
      } catch (DateTimeException | IllegalArgumentException e) {
        throw PageQuery.badCursor(ctx.queryParams().get("after"));
      }
    }
    String source = ctx.queryParams().get("source");
    masterData.quarantine(!status.equals("released"), !status.equals("waiting"),
        source == null || source.isEmpty() ? null : source, after, page.limit())
      .onSuccess(found -> {
        QuarantinedEvent last = found.items().isEmpty() ? null : found.items().get(found.items().size() - 1);
        ctx.json(new JsonObject()
          .put("quarantined", new JsonArray(found.items().stream().map(AdminQuarantineHandler::toJson).toList()))
          .put("next", found.more()
            ? PageQuery.cursor(new JsonArray().add(last.firstSeen().toString()).add(last.transactionId().toString()))
            : null));
      })
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  void show(RoutingContext ctx) {
    UUID id = AdminRequests.transactionId(ctx);
    masterData.quarantined(id)
      .compose(found -> found.isPresent()
        ? Future.succeededFuture(toJson(found.get()))
        : Future.<JsonObject>failedFuture(new ProblemException(ProblemType.NOT_FOUND,
          "no event of transaction " + id + " is or was quarantined")))
      .onSuccess(ctx::json)
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  static JsonObject toJson(QuarantinedEvent q) {
    return new JsonObject()
      .put("transactionId", q.transactionId().toString())
      .put("status", q.waiting() ? "waiting" : "released")
      .put("source", q.source())
      .put("transactionKey", q.transactionKey())
      .put("type", q.type())
      .put("lane", q.lane())
      .put("reason", q.reason())
      .put("detail", q.detail())
      .put("missing", new JsonObject()
        .put("kind", q.missingKind())
        .put("source", q.missingSource() == null || q.missingSource().isEmpty() ? null : q.missingSource())
        .put("code", q.missingCode()))
      .put("firstSeen", q.firstSeen().toString())
      .put("lastSeen", q.lastSeen() == null ? null : q.lastSeen().toString())
      .put("deliveries", q.deliveries())
      .put("redriveAttempts", q.redriveAttempts())
      .put("lastError", q.lastError())
      .put("releasedAt", q.releasedAt() == null ? null : q.releasedAt().toString())
      .put("releasedOutcome", q.releasedOutcome())
      .put("event", q.payload());
  }
}
