package io.stocksync.gateway;

import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.gateway.auth.ApiClient;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which lane and message priority an event goes to: the first configured {@link RoutingRule} it
 * matches (by type, client class, client, source, location, reason code, extension attributes), else
 * the route of its type. By type, shipments and picks are customer-facing and go to the critical
 * lane; cycle counts come in counting campaigns and go to bulk; the rest to standard, a status
 * change (stock blocked for sale) first.
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
  private final List<RoutingRule> rules;

  private LaneRouting(Map<EventType, Route> routes, List<RoutingRule> rules) {
    this.routes = Map.copyOf(routes);
    this.rules = List.copyOf(rules);
  }

  public static LaneRouting defaults() {
    Map<EventType, Route> routes = new EnumMap<>(EventType.class);
    routes.put(EventType.SHIPMENT, new Route(Lane.CRITICAL, 7));
    routes.put(EventType.PICK, new Route(Lane.CRITICAL, 6));
    routes.put(EventType.STATUS_CHANGE, new Route(Lane.STANDARD, 6));
    routes.put(EventType.RECEIPT, new Route(Lane.STANDARD, 5));
    routes.put(EventType.TRANSFER_OUT, new Route(Lane.STANDARD, 5));
    routes.put(EventType.TRANSFER_IN, new Route(Lane.STANDARD, 5));
    routes.put(EventType.ADJUSTMENT, new Route(Lane.STANDARD, 4));
    routes.put(EventType.RETURN, new Route(Lane.STANDARD, 4));
    routes.put(EventType.CYCLE_COUNT, new Route(Lane.BULK, 5));
    return new LaneRouting(routes, List.of());
  }

  /**
   * The defaults with some types routed elsewhere, e.g. {@code receipt -> "bulk:3"} for a site whose
   * receipts come as nightly files. A value is {@code lane} or {@code lane:priority}.
   */
  public static LaneRouting withOverrides(Map<EventType, String> overrides) {
    Map<EventType, Route> routes = new EnumMap<>(EventType.class);
    routes.putAll(defaults().routes);
    overrides.forEach((type, value) -> routes.put(type, parse(type, value)));
    return new LaneRouting(routes, List.of());
  }

  /** These routes per type as the fallback, with rules tried first, in order; the first match wins. */
  public LaneRouting withRules(List<RoutingRule> rules) {
    return new LaneRouting(routes, rules);
  }

  private static Route parse(EventType type, String value) {
    String key = "routing." + type.wireName();
    String[] parts = value.trim().split(":", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException(key + " must be 'lane' or 'lane:priority', was '" + value + "'");
    }
    Lane lane;
    try {
      lane = Lane.parse(parts[0].trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage());
    }
    int priority = defaults().routes.get(type).priority();
    if (parts.length == 2) {
      try {
        priority = Integer.parseInt(parts[1].trim());
        return new Route(lane, priority);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + " priority must be a whole number from 0 to " + Topology.MAX_PRIORITY
          + ", was '" + parts[1] + "'");
      }
    }
    return new Route(lane, priority);
  }

  /** The route of a type when no rule matches. */
  public Route route(EventType type) {
    return routes.get(type);
  }

  /** The route of this event from this client: the first rule it matches, else its type's. */
  public Route route(InventoryEvent event, ApiClient client) {
    for (RoutingRule rule : rules) {
      if (rule.matches(event, client)) {
        return new Route(rule.lane(), rule.priority() == null ? routes.get(event.type()).priority() : rule.priority());
      }
    }
    return routes.get(event.type());
  }

  public List<RoutingRule> rules() {
    return rules;
  }
}
