package io.stocksync.gateway;

import io.stocksync.contracts.event.InvalidEventException;
import io.stocksync.contracts.event.MalformedJsonException;
import io.stocksync.contracts.event.Violation;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.AuthenticationHandler;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failure into an RFC 9457 {@code application/problem+json} answer.
 * Expected failures become their problem type; anything else is logged and answered 500 without
 * internals.
 */
public final class ProblemRenderer {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemRenderer.class);

  private ProblemRenderer() {
  }

  /** Failure handler for the router: renders the failure, or the bare status vert.x failed with, and counts it. */
  public static Handler<RoutingContext> handler(GatewayMetrics metrics) {
    return ctx -> {
      if (ctx.response().headWritten()) {
        ctx.response().reset();
        return;
      }
      ProblemException problem = toProblem(ctx);
      ApiClient client = AuthenticationHandler.client(ctx);
      metrics.rejected(problem.type(), client == null ? null : client.id());
      // the detail names ids and values the client sent, never its credentials
      LOG.debug("{} {} answered {} {}: {}", ctx.request().method(), ctx.request().path(), problem.type().status(),
        problem.type().uri().substring(ProblemType.BASE_URI.length()), problem.getMessage());
      render(ctx, problem);
    };
  }

  static ProblemException toProblem(RoutingContext ctx) {
    ProblemException expected = expectedProblem(ctx.failure());
    if (expected != null) {
      return expected;
    }
    Throwable failure = ctx.failure();
    return switch (ctx.statusCode()) {
      case 404 -> new ProblemException(ProblemType.NOT_FOUND, "no resource at " + ctx.request().path());
      case 405 -> new ProblemException(ProblemType.METHOD_NOT_ALLOWED,
        ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 408 -> new ProblemException(ProblemType.REQUEST_TIMEOUT,
        "the request did not complete within the configured time (a stalled upload or a slow dependency); "
          + "retry it, with the same Idempotency-Key if you sent one");
      case 413 -> new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the request body exceeds the configured limit");
      case 415 -> new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send application/json");
      default -> {
        if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
          // a client error vert.x detected itself (a malformed query string, an Expect header…)
          yield new ProblemException(ProblemType.BAD_REQUEST, "the request is not valid HTTP for this API (status "
            + ctx.statusCode() + (failure == null || failure.getMessage() == null ? "" : ": " + failure.getMessage()) + ")");
        }
        if (failure != null) {
          LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
        }
        yield new ProblemException(ProblemType.INTERNAL, "the request failed unexpectedly; it has been logged");
      }
    };
  }

  /** The problem an expected failure stands for, or null for anything unexpected. */
  static ProblemException expectedProblem(Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return problem;
    }
    if (failure instanceof MalformedJsonException malformed) {
      return new ProblemException(ProblemType.MALFORMED_JSON,
        malformed.getMessage() + " (line " + malformed.line() + ", column " + malformed.column() + ")",
        new JsonObject().put("line", malformed.line()).put("column", malformed.column()), null);
    }
    if (failure instanceof InvalidEventException invalid) {
      JsonArray errors = new JsonArray();
      for (Violation v : invalid.violations()) {
        errors.add(new JsonObject().put("pointer", v.pointer()).put("detail", v.message()));
      }
      Violation first = invalid.violations().get(0);
      String detail = first.pointer() + " " + first.message()
        + (invalid.violations().size() > 1 ? " (and " + (invalid.violations().size() - 1) + " more)" : "");
      return new ProblemException(ProblemType.INVALID_EVENT, detail, new JsonObject().put("errors", errors), null);
    }
    return null;
  }

  /** The problem document, as sent and as stored for an idempotent replay. */
  static JsonObject body(ProblemException problem, String instance, String transactionId) {
    ProblemType type = problem.type();
    JsonObject body = new JsonObject()
      .put("type", type.uri())
      .put("title", type.title())
      .put("status", type.status())
      .put("detail", problem.getMessage())
      .put("instance", instance);
    if (transactionId != null) {
      body.put("transactionId", transactionId);
    }
    return body.mergeIn(problem.extensions());
  }

  static void render(RoutingContext ctx, ProblemException problem) {
    ProblemType type = problem.type();
    JsonObject body = body(problem, ctx.request().path(), ctx.get(EventsHandler.TRANSACTION_ID));
    HttpServerResponse response = ctx.response()
      .setStatusCode(type.status())
      .putHeader("Content-Type", CONTENT_TYPE);
    if (problem.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
    }
    response.end(body.toBuffer());
  }
}
