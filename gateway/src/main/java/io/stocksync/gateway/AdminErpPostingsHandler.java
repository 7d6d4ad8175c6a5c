package io.stocksync.gateway;

import io.stocksync.gateway.auth.AuthenticationHandler;
import io.stocksync.gateway.failures.ErpPosting;
import io.stocksync.gateway.failures.FailureRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The admin API of ERP postings ({@code /v1/admin/erp-postings…}, scope {@code admin}): those the
 * poster will not finish by itself (the ERP refused them, or a call timed out), and sending one
 * again once its cause is fixed.
 */
final class AdminErpPostingsHandler {

  static final String PATH = "/v1/admin/erp-postings";
  private static final List<String> STATUSES = List.of("pending", "unknown", "posted", "failed");

  private final FailureRepository failures;

  AdminErpPostingsHandler(FailureRepository failures) {
    this.failures = failures;
  }

  void list(RoutingContext ctx) {
    PageQuery page = PageQuery.of(ctx);
    List<String> statuses = statuses(ctx.queryParams().get("status"));
    failures.postings(statuses, page.afterId(), page.limit())
      .onSuccess(found -> ctx.json(new JsonObject()
        .put("postings", new JsonArray(found.items().stream().map(AdminErpPostingsHandler::toJson).toList()))
        .put("next", PageQuery.idCursor(found.next()))))
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  /** {@code POST …/{transactionId}:retry}: 202 when sent again now, 200 when it is neither failed nor unknown. */
  void retry(RoutingContext ctx) {
    UUID id = AdminRequests.transactionId(ctx);
    failures.retryPosting(id, AuthenticationHandler.client(ctx).id())
      .compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
        : Future.<FailureRepository.Request<ErpPosting>>failedFuture(new ProblemException(ProblemType.NOT_FOUND,
          "transaction " + id + " has no ERP posting (it is not applied yet, or moved no stock the ERP books)")))
      .onSuccess(request -> {
        boolean now = request.requested() == FailureRepository.Requested.NOW;
        ErpPosting posting = request.row();
        AdminRequests.answer(ctx, now, now
            ? "the ERP poster sends it within a few seconds"
              + ("unknown".equals(posting.status()) ? ", after asking the ERP whether it booked it already" : "")
            : "it is " + posting.status() + ", neither failed nor unknown; nothing was done",
          "posting", toJson(posting));
      })
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  /** {@code failed,unknown} by default; {@code all} for every state. */
  private static List<String> statuses(String value) {
    if (value == null || value.isEmpty()) {
      return List.of("failed", "unknown");
    }
    if (value.equals("all")) {
      return STATUSES;
    }
    List<String> statuses = new ArrayList<>();
    for (String status : value.split(",")) {
      if (!STATUSES.contains(status.trim())) {
        throw new ProblemException(ProblemType.INVALID_QUERY, "status must be pending, unknown, posted, failed "
          + "(comma-separated) or all, was '" + value + "'");
      }
      statuses.add(status.trim());
    }
    return statuses;
  }

  static JsonObject toJson(ErpPosting p) {
    return new JsonObject()
      .put("transactionId", p.transactionId().toString())
      .put("reference", p.reference())
      .put("status", p.status())
      .put("lane", p.lane())
      .put("type", p.type())
      .put("lines", p.lines())
      .put("attempts", p.attempts())
      .put("lastError", p.lastError())
      .put("documentId", p.documentId())
      .put("createdAt", time(p.createdAt()))
      .put("nextAttemptAt", "pending".equals(p.status()) || "unknown".equals(p.status()) ? time(p.nextAttemptAt()) : null)
      .put("failedAt", time(p.failedAt()))
      .put("postedAt", time(p.postedAt()))
      .put("retryRequestedAt", time(p.retryRequestedAt()))
      .put("retryRequestedBy", p.retryRequestedBy());
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
