package io.stocksync.gateway;

import io.stocksync.contracts.event.EventContract;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.contracts.log.LogContext;
import io.stocksync.gateway.auth.AuthenticationHandler;
import io.stocksync.gateway.idempotency.IdempotencyStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events}: validates one event, publishes it to its lane and answers 202 with the
 * transaction id only after the broker confirmed it. With an {@code Idempotency-Key} the final
 * answer is kept and replayed to retries.
 */
final class EventsHandler {

  static final String TRANSACTION_ID = "stocksync.transactionId";
  private static final Logger LOG = LoggerFactory.getLogger(EventsHandler.class);
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

  /** The answer to one request, kept apart from writing it so that it can be stored for replays. */
  private record Reply(int status, JsonObject body, UUID transactionId) {
  }

  private final EventContract contract;
  private final LaneRouting routing;
  private final LanePublisher publisher;
  private final IdempotencyStore idempotency;
  private final TransactionJournal journal;

  EventsHandler(EventContract contract, LaneRouting routing, LanePublisher publisher, IdempotencyStore idempotency,
      TransactionJournal journal) {
    this.journal = journal;
    this.contract = contract;
    this.routing = routing;
    this.publisher = publisher;
    this.idempotency = idempotency;
  }

  /**
   * Stamps every request, whatever its route or outcome, with a transaction id: on the context, in
   * the {@code X-Transaction-Id} response header, and in the problem document of a failure.
   */
  static void stamp(RoutingContext ctx) {
    String id = UUID.randomUUID().toString();
    ctx.put(TRANSACTION_ID, id);
    LogContext.put(LogContext.TRANSACTION, id);
    ctx.response().putHeader("X-Transaction-Id", id);
    ctx.next();
  }

  void accept(RoutingContext ctx) {
    UUID transactionId = UUID.fromString(ctx.get(TRANSACTION_ID));
    String key = idempotencyKey(ctx);
    if (key == null) {
      process(ctx, transactionId).onSuccess(reply -> write(ctx, reply, false)).onFailure(ctx::fail);
      return;
    }
    ApiClient client = AuthenticationHandler.client(ctx);
    byte[] hash = IdempotencyStore.requestHash("POST", ctx.request().path(), ctx.body().buffer());
    idempotency.claim(client.id(), key, hash, transactionId).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(new ProblemException(ProblemType.DATABASE_UNAVAILABLE,
          "the Idempotency-Key cannot be checked right now; nothing was accepted", null, 5));
        return;
      }
      IdempotencyStore.Claim claim = ar.result();
      if (claim instanceof IdempotencyStore.Claimed) {
        processOnce(ctx, client, key, transactionId);
      } else if (claim instanceof IdempotencyStore.Replay replay) {
        write(ctx, new Reply(replay.status(), replay.body(), replay.transactionId()), true);
      } else if (claim instanceof IdempotencyStore.InFlight) {
        ctx.fail(new ProblemException(ProblemType.IDEMPOTENCY_IN_FLIGHT,
          "a request with Idempotency-Key '" + key + "' is still being processed; retry after it finished", null, 1));
      } else {
        ctx.fail(new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
          "Idempotency-Key '" + key + "' was already used for a different request; use a new key for a new request"));
      }
    });
  }

  /** Processes the request that claimed the key and stores its final answer; a 5xx gives the key back. */
  private void processOnce(RoutingContext ctx, ApiClient client, String key, UUID transactionId) {
    process(ctx, transactionId).onComplete(ar -> {
      if (ar.succeeded()) {
        Reply reply = ar.result();
        idempotency.complete(client.id(), key, reply.status(), reply.body(), reply.transactionId())
          .onFailure(e -> LOG.warn("txn {}: could not store the answer for Idempotency-Key {}: {}", transactionId, key,
            e.toString()))
          .onComplete(v -> write(ctx, reply, false));
        return;
      }
      ProblemException problem = ProblemRenderer.expectedProblem(ar.cause());
      if (problem != null && problem.type().status() < 500) {
        JsonObject body = ProblemRenderer.body(problem, ctx.request().path(), transactionId.toString());
        idempotency.complete(client.id(), key, problem.type().status(), body, transactionId)
          .onComplete(v -> ctx.fail(problem));
      } else {
        idempotency.release(client.id(), key, transactionId).onComplete(v -> ctx.fail(ar.cause()));
      }
    });
  }

  private Future<Reply> process(RoutingContext ctx, UUID transactionId) {
    Instant receivedAt = Instant.now();
    ApiClient client = AuthenticationHandler.client(ctx);
    return validateAndPublish(ctx, transactionId, receivedAt).onFailure(e -> {
      ProblemException problem = ProblemRenderer.expectedProblem(e);
      if (problem != null) {
        journal.rejected(transactionId, client.id(), problem, receivedAt);
      }
    });
  }

  private Future<Reply> validateAndPublish(RoutingContext ctx, UUID transactionId, Instant receivedAt) {
    InventoryEvent event;
    try {
      event = contract.read(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes(), transactionId,
        receivedAt);
      authorize(AuthenticationHandler.client(ctx), event);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Instant validatedAt = Instant.now();
    LaneRouting.Route route = routing.route(event, AuthenticationHandler.client(ctx));
    return publisher.publish(route, event).map(v -> {
      journal.queued(transactionId, AuthenticationHandler.client(ctx).id(), event, route, validatedAt, Instant.now());
      LOG.debug("txn {} queued on {} ({}/{})", transactionId, route.lane().id(), event.source(), event.transactionKey());
      return new Reply(202, new JsonObject()
        .put("transactionId", transactionId.toString())
        .put("status", "queued")
        .put("lane", route.lane().id())
        .put("priority", route.priority())
        .put("source", event.source())
        .put("transactionKey", event.transactionKey())
        .put("receivedAt", event.receivedAt().toString()), transactionId);
    });
  }

  private static void write(RoutingContext ctx, Reply reply, boolean replayed) {
    if (ctx.response().headWritten()) {
      // the request timed out meanwhile and was answered 408: the client will retry
      return;
    }
    String transactionId = reply.transactionId().toString();
    var response = ctx.response()
      .setStatusCode(reply.status())
      .putHeader("X-Transaction-Id", transactionId)
      .putHeader("Content-Type", reply.status() >= 400 ? ProblemRenderer.CONTENT_TYPE : "application/json");
    if (reply.status() == 202) {
      response.putHeader("Location", "/v1/transactions/" + transactionId);
    }
    if (replayed) {
      response.putHeader("Idempotent-Replayed", "true");
    }
    response.end(reply.body().toBuffer());
  }

  /** The Idempotency-Key header (a structured-field string; the quotes are optional here), or null. */
  private static String idempotencyKey(RoutingContext ctx) {
    String raw = ctx.request().getHeader("Idempotency-Key");
    if (raw == null) {
      return null;
    }
    String key = raw.trim();
    if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
      key = key.substring(1, key.length() - 1);
    }
    if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
      throw new ProblemException(ProblemType.INVALID_IDEMPOTENCY_KEY,
        "Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID");
    }
    return key;
  }

  /** A client posts only the event types and locations it was granted. */
  static void authorize(ApiClient client, InventoryEvent event) {
    if (!client.mayPost(event.type().wireName())) {
      throw forbidden("client '" + client.id() + "' may not post " + event.type().wireName() + " events", "/type");
    }
    if (!client.mayUse(event.location())) {
      throw forbidden("client '" + client.id() + "' may not post events for location '" + event.location() + "'",
        "/location");
    }
    // a transfer moves stock into its destination: the client must be allowed there too
    if (event.toLocation() != null && !client.mayUse(event.toLocation())) {
      throw forbidden("client '" + client.id() + "' may not post events for location '" + event.toLocation()
        + "' (the transfer's toLocation)", "/toLocation");
    }
  }

  private static ProblemException forbidden(String detail, String pointer) {
    return new ProblemException(ProblemType.FORBIDDEN, detail, new JsonObject().put("pointer", pointer), null);
  }
}
