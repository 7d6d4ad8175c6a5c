package io.stocksync.gateway;

import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which lane and message priority an event type goes to. Shipments are customer-facing and go to
 * the critical lane; receipts and adjustments to standard.
 */
public final class LaneRouting {

  /** A lane and the message priority inside it (0 lowest, {@link Topology#MAX_PRIORITY} highest). */
  public record Route(Lane lane, int priority) {
    public Route {
      if (priority < 0 || priority > Topology.MAX_PRIORITY) {
        throw new IllegalArgumentException("priority must be between 0 and " + Topology.MAX_PRIORITY);
      }
    }
  }

  private final Map<EventType, Route> routes;

  private LaneRouting(Map<EventType, Route> routes) {
    this.routes = Map.copyOf(routes);
  }

  public static LaneRouting defaults() {
    Map<EventType, Route> routes = new EnumMap<>(EventType.class);
    routes.put(EventType.SHIPMENT, new Route(Lane.CRITICAL, 7));
    routes.put(EventType.RECEIPT, new Route(Lane.STANDARD, 5));
    routes.put(EventType.ADJUSTMENT, new Route(Lane.STANDARD, 4));
    return new LaneRouting(routes);
  }

  public Route route(EventType type) {
    return routes.get(type);
  }
}
