package io.stocksync.gateway;

import io.stocksync.contracts.event.EventContract;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.MalformedJsonException;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.AuthenticationHandler;
import io.stocksync.gateway.limit.ClientRateLimiter;
import io.stocksync.gateway.limit.RateLimitHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/events:batch}: many events in one request, as a JSON array or NDJSON, judged
 * item by item. {@code mode=atomic} (the default) queues nothing unless every item is valid and
 * allowed; {@code mode=partial} queues the good items and reports the bad ones. An item counts as
 * accepted only once the broker confirmed it; the publishes are pipelined, not one round trip each.
 */
final class BatchHandler {

  static final String NDJSON = "application/x-ndjson";

  private final EventContract contract;
  private final LaneRouting routing;
  private final LanePublisher publisher;
  private final ClientRateLimiter limiter;
  private final RateLimitHandler rateLimit;
  private final int maxItems;
  private final TransactionJournal journal;

  BatchHandler(EventContract contract, LaneRouting routing, LanePublisher publisher, ClientRateLimiter limiter,
      RateLimitHandler rateLimit, int maxItems, TransactionJournal journal) {
    this.rateLimit = rateLimit;
    this.journal = journal;
    this.contract = contract;
    this.routing = routing;
    this.publisher = publisher;
    this.limiter = limiter;
    this.maxItems = maxItems;
  }

  /** One item's fate: queued (with its event and route) or rejected (with its problem). */
  private record Item(int index, InventoryEvent event, LaneRouting.Route route, ProblemException problem) {
  }

  void accept(RoutingContext ctx) {
    boolean atomic = mode(ctx);
    String contentType = ctx.request().getHeader("Content-Type");
    boolean ndjson = contentType != null && contentType.toLowerCase().startsWith(NDJSON);
    byte[] body = ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes();
    ApiClient client = AuthenticationHandler.client(ctx);
    // parsing and validating up to batch.max-items events takes milliseconds: not on the event loop
    ctx.vertx().executeBlocking(() -> judgeAll(body, ndjson, client), false)
      .onSuccess(items -> {
        try {
          queue(ctx, atomic, client, items);
        } catch (RuntimeException e) {
          ctx.fail(e);
        }
      })
      .onFailure(ctx::fail);
  }

  private List<Item> judgeAll(byte[] body, boolean ndjson, ApiClient client) {
    List<Object> parsed = contract.parseBatch(body, ndjson);
    if (parsed.isEmpty()) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "the batch holds no events");
    }
    if (parsed.size() > maxItems) {
      throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the batch holds " + parsed.size()
        + " events; at most " + maxItems + " are allowed per request (batch.max-items)");
    }
    if (parsed.size() > client.effectiveBurst()) {
      throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the batch holds " + parsed.size() + " events but client '"
        + client.id() + "' may send at most " + client.effectiveBurst() + " at once (its burst); split the batch");
    }
    // the request itself already took one token
    ClientRateLimiter.Decision decision = limiter.tryAcquire(client, parsed.size() - 1L);
    if (decision.shadowed()) {
      rateLimit.shadowed(client);
    }
    if (!decision.allowed()) {
      throw new ProblemException(ProblemType.RATE_LIMITED, "a batch of " + parsed.size() + " events needs as many "
        + "tokens; client '" + client.id() + "' has " + decision.remaining() + " now (rate " + client.effectiveRate()
        + "/s, burst " + client.effectiveBurst() + ")", null, (int) decision.retryAfterSeconds());
    }
    Instant receivedAt = Instant.now();
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      items.add(judge(i, parsed.get(i), client, receivedAt));
    }
    return items;
  }

  private void queue(RoutingContext ctx, boolean atomic, ApiClient client, List<Item> items) {
    List<Item> rejected = items.stream().filter(item -> item.problem() != null).toList();
    if (atomic && !rejected.isEmpty()) {
      ProblemException first = rejected.get(0).problem();
      boolean forbidden = rejected.stream().anyMatch(item -> item.problem().type() == ProblemType.FORBIDDEN);
      throw new ProblemException(forbidden ? ProblemType.FORBIDDEN : ProblemType.INVALID_EVENT,
        rejected.size() + " of " + items.size() + " events are rejected, so none was queued (mode=atomic); item "
          + rejected.get(0).index() + ": " + first.getMessage(),
        new JsonObject().put("items", report(items, List.of(), ctx)), null);
    }
    Instant validatedAt = Instant.now();
    publishAll(items).onSuccess(outcomes -> {
      record(client, items, outcomes, validatedAt);
      respond(ctx, items, outcomes);
    }).onFailure(ctx::fail);
  }

  private static boolean mode(RoutingContext ctx) {
    String mode = ctx.queryParams().get("mode");
    if (mode == null || mode.equals("atomic")) {
      return true;
    }
    if (mode.equals("partial")) {
      return false;
    }
    throw new ProblemException(ProblemType.INVALID_QUERY, "mode must be 'atomic' or 'partial', was '" + mode + "'");
  }

  private Item judge(int index, Object parsed, ApiClient client, Instant receivedAt) {
    try {
      if (parsed instanceof MalformedJsonException malformed) {
        throw malformed;
      }
      InventoryEvent event = contract.read((JsonNode) parsed, UUID.randomUUID(), receivedAt);
      EventsHandler.authorize(client, event);
      return new Item(index, event, routing.route(event, client), null);
    } catch (RuntimeException e) {
      ProblemException problem = ProblemRenderer.expectedProblem(e);
      if (problem == null) {
        throw e;
      }
      return new Item(index, null, null, problem);
    }
  }

  /** Publishes every accepted item at once; each outcome is null (confirmed) or the publish's problem. */
  private Future<List<ProblemException>> publishAll(List<Item> items) {
    List<Future<ProblemException>> outcomes = new ArrayList<>();
    for (Item item : items) {
      if (item.problem() != null) {
        outcomes.add(Future.succeededFuture(null));
        continue;
      }
      outcomes.add(publisher.publish(item.route(), item.event())
        .map(v -> (ProblemException) null)
        .otherwise(e -> e instanceof ProblemException p ? p : ProblemException.brokerUnavailable(e.getMessage())));
    }
    return Future.all(outcomes).map(all -> {
      List<ProblemException> list = new ArrayList<>();
      for (Future<ProblemException> outcome : outcomes) {
        list.add(outcome.result());
      }
      return list;
    });
  }

  private void record(ApiClient client, List<Item> items, List<ProblemException> outcomes, Instant validatedAt) {
    Instant queuedAt = Instant.now();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      if (item.event() != null && outcomes.get(i) == null) {
        journal.queued(item.event().transactionId(), client.id(), item.event(), item.route(),
          validatedAt, queuedAt);
      } else if (item.event() != null) {
        // valid, but the broker refused it (a full lane): its answer names this transaction id
        journal.rejected(item.event().transactionId(), client.id(), outcomes.get(i), item.event().receivedAt());
      }
    }
  }

  private void respond(RoutingContext ctx, List<Item> items, List<ProblemException> publishFailures) {
    JsonArray report = report(items, publishFailures, ctx);
    long queued = report.stream().filter(o -> "queued".equals(((JsonObject) o).getString("status"))).count();
    if (queued == 0 && items.stream().allMatch(item -> item.problem() == null)) {
      // nothing could be queued although every item was fine: the broker is the problem
      ctx.fail(publishFailures.get(0));
      return;
    }
    ctx.response()
      .setStatusCode(queued == items.size() ? 202 : 200)
      .putHeader("Content-Type", "application/json")
      .end(new JsonObject()
        .put("mode", mode(ctx) ? "atomic" : "partial")
        .put("received", items.size())
        .put("queued", queued)
        .put("rejected", items.size() - queued)
        .put("items", report)
        .toBuffer());
  }

  private JsonArray report(List<Item> items, List<ProblemException> publishFailures, RoutingContext ctx) {
    JsonArray report = new JsonArray();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      ProblemException problem = item.problem() != null ? item.problem()
        : publishFailures.isEmpty() ? null : publishFailures.get(i);
      JsonObject entry = new JsonObject().put("index", item.index());
      if (problem != null) {
        entry.put("status", "rejected").put("problem", ProblemRenderer.body(problem, ctx.request().path(),
          item.event() == null ? null : item.event().transactionId().toString()));
      } else if (publishFailures.isEmpty()) {
        entry.put("status", "valid");
      } else {
        entry.put("status", "queued")
          .put("transactionId", item.event().transactionId().toString())
          .put("lane", item.route().lane().id())
          .put("priority", item.route().priority())
          .put("source", item.event().source())
          .put("transactionKey", item.event().transactionKey());
      }
      report.add(entry);
    }
    return report;
  }
}
