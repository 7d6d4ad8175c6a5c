package io.stocksync.gateway;

import io.stocksync.contracts.event.EventContract;
import io.stocksync.contracts.event.InventoryEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events}: validates one event, publishes it to its lane and answers 202 with the
 * transaction id only after the broker confirmed it.
 */
final class EventsHandler {

  static final String TRANSACTION_ID = "stocksync.transactionId";
  private static final Logger LOG = LoggerFactory.getLogger(EventsHandler.class);

  private final EventContract contract;
  private final LaneRouting routing;
  private final LanePublisher publisher;

  EventsHandler(EventContract contract, LaneRouting routing, LanePublisher publisher) {
    this.contract = contract;
    this.routing = routing;
    this.publisher = publisher;
  }

  void accept(RoutingContext ctx) {
    UUID transactionId = UUID.randomUUID();
    ctx.put(TRANSACTION_ID, transactionId.toString());
    ctx.response().putHeader("X-Transaction-Id", transactionId.toString());
    InventoryEvent event = contract.read(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes(),
      transactionId, Instant.now());
    LaneRouting.Route route = routing.route(event.type());
    publisher.publish(route, event)
      .onSuccess(v -> {
        LOG.debug("txn {} queued on {} ({}/{})", transactionId, route.lane().id(), event.source(), event.transactionKey());
        ctx.response()
          .setStatusCode(202)
          .putHeader("Content-Type", "application/json")
          .putHeader("Location", "/v1/transactions/" + transactionId)
          .end(new JsonObject()
            .put("transactionId", transactionId.toString())
            .put("status", "queued")
            .put("lane", route.lane().id())
            .put("priority", route.priority())
            .put("source", event.source())
            .put("transactionKey", event.transactionKey())
            .put("receivedAt", event.receivedAt().toString())
            .toBuffer());
      })
      .onFailure(ctx::fail);
  }
}
