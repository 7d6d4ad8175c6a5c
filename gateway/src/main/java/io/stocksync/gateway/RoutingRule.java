package io.stocksync.gateway;

import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One configured routing rule (key {@code routing.rules}): conditions on the event and its client,
 * and the lane (and optionally the priority) an event that meets every condition goes to. A
 * condition lists one or more values, any of which matches; an absent condition matches anything.
 *
 * @param index the rule's position in {@code routing.rules}, from 0, as error messages and the lane
 *     view name it
 * @param priority null: the priority the event's type has without rules ({@code routing.<type>})
 */
public record RoutingRule(
  int index,
  Set<EventType> types,
  Set<ClientClass> clientClasses,
  Set<String> clients,
  Set<String> sources,
  Set<String> locations,
  Set<String> reasonCodes,
  Map<String, Set<String>> extensions,
  Lane lane,
  Integer priority) {

  /** An extension condition's value that matches any value, as long as the attribute is present. */
  public static final String ANY = "*";
  static final String KEY = "routing.rules";
  private static final String KNOWN = "type, client-class, client, source, location, reason-code, "
    + "extension.<namespace:name>, lane, priority";

  public RoutingRule {
    types = Set.copyOf(types);
    clientClasses = Set.copyOf(clientClasses);
    clients = Set.copyOf(clients);
    sources = Set.copyOf(sources);
    locations = Set.copyOf(locations);
    reasonCodes = Set.copyOf(reasonCodes);
    extensions = Map.copyOf(extensions);
    if (lane == null) {
      throw new IllegalArgumentException(key(index) + " needs a lane (critical, standard or bulk)");
    }
    if (priority != null && (priority < 0 || priority > Topology.MAX_PRIORITY)) {
      throw new IllegalArgumentException(key(index) + ".priority must be a whole number from 0 to "
        + Topology.MAX_PRIORITY + ", was " + priority);
    }
    if (types.isEmpty() && clientClasses.isEmpty() && clients.isEmpty() && sources.isEmpty() && locations.isEmpty()
        && reasonCodes.isEmpty() && extensions.isEmpty()) {
      throw new IllegalArgumentException(key(index) + " has no condition, so it would route every event; "
        + "name at least one of " + KNOWN.substring(0, KNOWN.indexOf(", lane")) + " (defaults per type are routing.<type>)");
    }
  }

  /** Whether the event, sent by this client, meets every condition of the rule. */
  public boolean matches(InventoryEvent event, ApiClient client) {
    return (types.isEmpty() || types.contains(event.type()))
      && (clientClasses.isEmpty() || client != null && clientClasses.contains(client.clientClass()))
      && (clients.isEmpty() || client != null && clients.contains(client.id()))
      && (sources.isEmpty() || sources.contains(event.source()))
      && (locations.isEmpty() || locations.contains(event.location()))
      && (reasonCodes.isEmpty() || event.reasonCode() != null && reasonCodes.contains(event.reasonCode()))
      && extensions.entrySet().stream().allMatch(c -> extensionMatches(event.extensions().get(c.getKey()), c.getValue()));
  }

  private static boolean extensionMatches(Object value, Set<String> wanted) {
    if (value == null) {
      return false;
    }
    if (wanted.contains(ANY)) {
      return true;
    }
    if (value instanceof BigDecimal number) {
      // 5, 5.0 and 5.00 are the same number, whichever way the sender or the config wrote it
      return wanted.stream().anyMatch(w -> {
        try {
          return new BigDecimal(w).compareTo(number) == 0;
        } catch (NumberFormatException e) {
          return false;
        }
      });
    }
    return wanted.contains(value.toString());
  }

  /** The rule's conditions as the lane view shows them (only those it has). */
  public JsonObject describeMatch() {
    JsonObject match = new JsonObject();
    putIfAny(match, "type", types.stream().map(EventType::wireName).sorted().toList());
    putIfAny(match, "client-class", clientClasses.stream().map(ClientClass::wireName).sorted().toList());
    putIfAny(match, "client", clients.stream().sorted().toList());
    putIfAny(match, "source", sources.stream().sorted().toList());
    putIfAny(match, "location", locations.stream().sorted().toList());
    putIfAny(match, "reason-code", reasonCodes.stream().sorted().toList());
    extensions.entrySet().stream().sorted(Map.Entry.comparingByKey())
      .forEach(e -> putIfAny(match, "extension." + e.getKey(), e.getValue().stream().sorted().toList()));
    return match;
  }

  private static void putIfAny(JsonObject match, String key, List<String> values) {
    if (!values.isEmpty()) {
      match.put(key, new JsonArray(new ArrayList<>(values)));
    }
  }

  static String key(int index) {
    return KEY + "[" + index + "]";
  }

  /**
   * Reads {@code routing.rules}: a JSON array of rule objects (what a YAML list in the config file
   * becomes), or the compact text form for an environment variable or system property, rules
   * separated by {@code ;}, e.g.
   * {@code client-class=partner,type=receipt -> bulk:2; location=DC-9|DC-10 -> critical:8}.
   */
  public static List<RoutingRule> parseAll(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String trimmed = text.trim();
    List<Map<String, List<String>>> specs = trimmed.startsWith("[") ? fromJson(trimmed) : fromText(trimmed);
    List<RoutingRule> rules = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      rules.add(of(i, specs.get(i)));
    }
    return List.copyOf(rules);
  }

  private static List<Map<String, List<String>>> fromJson(String text) {
    JsonArray array;
    try {
      array = new JsonArray(text);
    } catch (DecodeException e) {
      throw new IllegalArgumentException(KEY + " is not a list of rules: " + e.getMessage());
    }
    List<Map<String, List<String>>> specs = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject rule)) {
        throw new IllegalArgumentException(key(i) + " must be a mapping, e.g. {type: receipt, client-class: partner, "
          + "lane: bulk, priority: 2}");
      }
      Map<String, List<String>> spec = new LinkedHashMap<>();
      for (String field : rule.fieldNames()) {
        Object value = rule.getValue(field);
        List<String> values = new ArrayList<>();
        if (value instanceof JsonArray list) {
          for (Object v : list) {
            values.add(scalar(i, field, v));
          }
        } else {
          values.add(scalar(i, field, value));
        }
        spec.put(field, values);
      }
      specs.add(spec);
    }
    return specs;
  }

  private static String scalar(int index, String field, Object value) {
    if (value == null || value instanceof JsonObject || value instanceof JsonArray) {
      throw new IllegalArgumentException(key(index) + "." + field + " must be a value or a list of values");
    }
    return value.toString();
  }

  private static List<Map<String, List<String>>> fromText(String text) {
    List<Map<String, List<String>>> specs = new ArrayList<>();
    String[] rules = text.split(";");
    for (int i = 0; i < rules.length; i++) {
      String rule = rules[i].trim();
      int arrow = rule.indexOf("->");
      if (arrow < 0) {
        throw new IllegalArgumentException(key(i) + " must read 'condition,condition -> lane[:priority]', was '"
          + rule + "'");
      }
      Map<String, List<String>> spec = new LinkedHashMap<>();
      for (String condition : rule.substring(0, arrow).split(",")) {
        if (condition.isBlank()) {
          continue;
        }
        int eq = condition.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException(key(i) + ": condition '" + condition.trim()
            + "' must read 'field=value' or 'field=value|value'");
        }
        List<String> values = new ArrayList<>();
        for (String v : condition.substring(eq + 1).split("\\|")) {
          values.add(v.trim());
        }
        spec.put(condition.substring(0, eq).trim(), values);
      }
      String[] target = rule.substring(arrow + 2).trim().split(":", -1);
      if (target.length > 2) {
        throw new IllegalArgumentException(key(i) + " must end in 'lane' or 'lane:priority', was '"
          + rule.substring(arrow + 2).trim() + "'");
      }
      spec.put("lane", List.of(target[0].trim()));
      if (target.length == 2) {
        spec.put("priority", List.of(target[1].trim()));
      }
      specs.add(spec);
    }
    return specs;
  }

  private static RoutingRule of(int index, Map<String, List<String>> spec) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    Set<ClientClass> classes = EnumSet.noneOf(ClientClass.class);
    Set<String> clients = new LinkedHashSet<>();
    Set<String> sources = new LinkedHashSet<>();
    Set<String> locations = new LinkedHashSet<>();
    Set<String> reasonCodes = new LinkedHashSet<>();
    Map<String, Set<String>> extensions = new LinkedHashMap<>();
    Lane lane = null;
    Integer priority = null;
    for (Map.Entry<String, List<String>> entry : spec.entrySet()) {
      String field = entry.getKey();
      String key = key(index) + "." + field;
      List<String> values = entry.getValue();
      if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
        throw new IllegalArgumentException(key + " has an empty value");
      }
      try {
        switch (field) {
          case "type" -> values.forEach(v -> types.add(EventType.fromWire(v)));
          case "client-class" -> values.forEach(v -> classes.add(ClientClass.parse(v)));
          case "client" -> clients.addAll(values);
          case "source" -> sources.addAll(values);
          case "location" -> locations.addAll(values);
          case "reason-code" -> reasonCodes.addAll(values);
          case "lane" -> lane = Lane.parse(single(values));
          case "priority" -> priority = priority(single(values));
          default -> {
            if (!field.startsWith("extension.") || !field.substring("extension.".length()).contains(":")) {
              throw new IllegalArgumentException("unknown field '" + field + "'; known fields are " + KNOWN);
            }
            extensions.put(field.substring("extension.".length()), new LinkedHashSet<>(values));
          }
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + ": " + e.getMessage());
      }
    }
    return new RoutingRule(index, types, classes, clients, sources, locations, reasonCodes, extensions, lane, priority);
  }

  private static String single(List<String> values) {
    if (values.size() != 1) {
      throw new IllegalArgumentException("takes one value, was " + values);
    }
    return values.get(0);
  }

  private static int priority(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number from 0 to " + Topology.MAX_PRIORITY + ", was '"
        + value + "'");
    }
  }
}
