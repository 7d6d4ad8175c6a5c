package io.stocksync.gateway;

import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/admin/lanes}: every lane with what the broker says (depth, consumers), its limit,
 * which event types it receives at which priority, the routing rules that send events to it, this
 * gateway's confirm statistics and its publishes over the last minute.
 */
final class AdminLanesHandler {

  private final Topology topology;
  private final LaneRouting routing;
  private final LanePublisher publisher;
  private final GatewayMetrics metrics;

  AdminLanesHandler(Topology topology, LaneRouting routing, LanePublisher publisher, GatewayMetrics metrics) {
    this.topology = topology;
    this.routing = routing;
    this.publisher = publisher;
    this.metrics = metrics;
  }

  void list(RoutingContext ctx) {
    List<Future<JsonObject>> lanes = new ArrayList<>();
    for (Lane lane : Lane.values()) {
      lanes.add(publisher.inspect(lane).map(ok -> describe(lane)
        .put("depth", ok.getMessageCount())
        .put("consumers", ok.getConsumerCount())));
    }
    Future.all(lanes)
      .onSuccess(all -> ctx.json(new JsonObject().put("lanes", new JsonArray(lanes.stream().map(Future::result).toList()))))
      .onFailure(ctx::fail);
  }

  private JsonObject describe(Lane lane) {
    JsonArray routes = new JsonArray();
    for (EventType type : EventType.values()) {
      LaneRouting.Route route = routing.route(type);
      if (route.lane() == lane) {
        routes.add(new JsonObject().put("type", type.wireName()).put("priority", route.priority()));
      }
    }
    JsonArray rules = new JsonArray();
    for (RoutingRule rule : routing.rules()) {
      if (rule.lane() == lane) {
        // a rule without a priority keeps the priority its event's type has
        rules.add(new JsonObject().put("rule", rule.index()).put("match", rule.describeMatch())
          .put("priority", rule.priority()));
      }
    }
    return new JsonObject()
      .put("lane", lane.id())
      .put("queue", topology.laneQueue(lane))
      .put("maxLength", topology.maxLength().get(lane))
      .put("routes", routes)
      .put("rules", rules)
      .put("publishing", metrics.confirmStats(lane))
      .put("recent", metrics.recentRates(lane));
  }
}
