package io.stocksync.gateway;

import io.stocksync.gateway.auth.AuthenticationHandler;
import io.stocksync.gateway.failures.FailedEvent;
import io.stocksync.gateway.failures.FailedEventFilter;
import io.stocksync.gateway.failures.FailedEventJson;
import io.stocksync.gateway.failures.FailureRepository;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;

/**
 * The admin API of failed events ({@code /v1/admin/failed-events…}, scope {@code admin}): events a
 * worker dead-lettered, with payload, cause and attempts; and asking for their replay, one by one
 * or by filter. Asking marks them; the workers replay each exactly once within seconds.
 */
final class AdminFailedEventsHandler {

  static final String PATH = "/v1/admin/failed-events";
  private static final Set<String> BODY_MEMBERS;

  static {
    Set<String> members = new HashSet<>(FailedEventFilter.MEMBERS);
    members.remove("status");
    members.add("all");
    BODY_MEMBERS = Set.copyOf(members);
  }

  private final FailureRepository failures;

  AdminFailedEventsHandler(FailureRepository failures) {
    this.failures = failures;
  }

  void list(RoutingContext ctx) {
    PageQuery page = PageQuery.of(ctx);
    FailedEventFilter filter;
    try {
      filter = FailedEventFilter.parse(ctx.queryParams()::get, "failed");
    } catch (FailedEventFilter.Invalid e) {
      throw new ProblemException(ProblemType.INVALID_QUERY, e.getMessage());
    }
    failures.failedEvents(filter, page.afterId(), page.limit())
      .onSuccess(found -> ctx.json(new JsonObject()
        .put("failedEvents", new JsonArray(found.items().stream().map(e -> FailedEventJson.toJson(e, false)).toList()))
        .put("next", PageQuery.idCursor(found.next()))))
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  void show(RoutingContext ctx) {
    long id = id(ctx);
    failures.failedEvent(id)
      .compose(found -> found.isPresent()
        ? Future.succeededFuture(FailedEventJson.toJson(found.get(), true))
        : Future.<JsonObject>failedFuture(notFound(id)))
      .onSuccess(ctx::json)
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  /** {@code POST …/{id}:replay}: 202 when asked for now, 200 when it was asked for or replayed already. */
  void replay(RoutingContext ctx) {
    long id = id(ctx);
    failures.requestReplay(id, AuthenticationHandler.client(ctx).id())
      .compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
        : Future.<FailureRepository.Request<FailedEvent>>failedFuture(notFound(id)))
      .onSuccess(request -> {
        FailedEvent event = request.row();
        boolean now = request.requested() == FailureRepository.Requested.NOW;
        AdminRequests.answer(ctx, now, now
            ? "a worker replays it within a few seconds; GET " + PATH + "/" + id + " shows its outcome"
            : alreadyDetail(event),
          "failedEvent", FailedEventJson.toJson(event, false));
      })
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  /** {@code POST …:replay}: every failed event the body's filter matches; an empty filter needs {@code "all": true}. */
  void replayMatching(RoutingContext ctx) {
    JsonObject body = body(ctx);
    for (String name : body.fieldNames()) {
      if (!BODY_MEMBERS.contains(name)) {
        throw invalid(name, "is not a known member; expected lane, source, type, cause, failedAfter, failedBefore"
          + (name.equals("status") ? " (only failed events are replayed, so there is no status)" : "") + " or all");
      }
    }
    Object all = body.getValue("all");
    if (all != null && !(all instanceof Boolean)) {
      throw invalid("all", "must be true or false");
    }
    FailedEventFilter filter;
    try {
      filter = FailedEventFilter.parse(name -> member(body, name), "failed");
    } catch (FailedEventFilter.Invalid e) {
      throw invalid(e.member(), e.getMessage().substring(e.member().length() + 1));
    }
    if (filter.onlyByStatus() && !Boolean.TRUE.equals(all)) {
      throw invalid("all", "must be true to replay every failed event; or send a filter, e.g. {\"cause\":\"reserved\"}");
    }
    failures.requestReplays(filter, AuthenticationHandler.client(ctx).id())
      .onSuccess(done -> ctx.json(new JsonObject()
        .put("requested", done.requested())
        .put("alreadyRequested", done.alreadyRequested())
        .put("alreadyReplayed", done.alreadyReplayed())))
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  private static String alreadyDetail(FailedEvent event) {
    if ("replayed".equals(event.status())) {
      return "replayed already at " + event.replayedAt() + " (" + event.replayOutcome() + "); nothing was done";
    }
    return "its replay was requested already at " + event.replayRequestedAt() + " by " + event.replayRequestedBy()
      + "; nothing was done";
  }

  private static JsonObject body(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new ProblemException(ProblemType.MALFORMED_JSON, "the body is not a JSON object");
    }
    if (body == null) {
      throw new ProblemException(ProblemType.MALFORMED_JSON, "the body is empty; send a filter, e.g. "
        + "{\"source\":\"wms-east\",\"cause\":\"reserved\"}, or {\"all\":true}");
    }
    return body;
  }

  private static String member(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw invalid(name, "must be a string");
  }

  private static ProblemException invalid(String member, String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, "/" + member + " " + detail, new JsonObject()
      .put("errors", new JsonArray().add(new JsonObject().put("pointer", "/" + member).put("detail", detail))), null);
  }

  private static long id(RoutingContext ctx) {
    String value = ctx.pathParam("id");
    try {
      long id = Long.parseLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(ProblemType.INVALID_QUERY, "'" + value + "' is not a failed event id (a positive "
      + "whole number, the id of GET " + PATH + ")");
  }

  private static ProblemException notFound(long id) {
    return new ProblemException(ProblemType.NOT_FOUND, "there is no failed event " + id);
  }

}
