package io.stocksync.gateway.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** The JSON shape of clients and keys in the admin API. */
public final class ClientJson {

  private ClientJson() {
  }

  public static JsonObject toJson(ApiClient client) {
    return new JsonObject()
      .put("id", client.id())
      .put("name", client.name())
      .put("class", client.clientClass().wireName())
      .put("scopes", new JsonArray(client.scopes().stream().map(Scope::wireName).sorted().toList()))
      .put("eventTypes", new JsonArray(client.eventTypes().stream().sorted().toList()))
      .put("locations", new JsonArray(client.locations().stream().sorted().toList()))
      .put("ratePerSecond", client.effectiveRate())
      .put("burst", client.effectiveBurst())
      .put("shadowLimit", client.shadowLimit())
      .put("disabled", client.disabled());
  }

  public static JsonObject toJson(ClientRepository.KeyInfo key) {
    return new JsonObject()
      .put("keyId", key.keyId())
      .put("prefix", key.prefix())
      .put("createdAt", key.createdAt().toString())
      .put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
  }

  /** The members a client has on the wire, in creation and in a merge patch alike. */
  private static final Set<String> MEMBERS = Set.of("id", "name", "class", "scopes", "eventTypes", "locations",
    "ratePerSecond", "burst", "shadowLimit");

  /** Reads a client from an admin request; throws IllegalArgumentException naming the bad member. */
  public static ApiClient fromJson(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!MEMBERS.contains(field)) {
        throw new IllegalArgumentException("/" + field + " is not a known member; expected " + MEMBERS);
      }
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String scope : strings(body, "scopes")) {
      scopes.add(Scope.parse(scope));
    }
    try {
      return new ApiClient(
        body.getString("id"),
        body.getString("name"),
        ClientClass.parse(body.getString("class", "wms")),
        scopes,
        strings(body, "eventTypes"),
        strings(body, "locations"),
        body.getInteger("ratePerSecond"),
        body.getInteger("burst"),
        body.getBoolean("shadowLimit", false));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("a member has the wrong type: " + e.getMessage());
    }
  }

  /**
   * Applies an admin change (JSON merge patch, RFC 7396) to a client: members present replace the
   * current value, {@code null} for {@code ratePerSecond} or {@code burst} goes back to the class
   * default, absent members stay. The id cannot change; enabling and disabling have their own paths.
   */
  public static ApiClient merge(ApiClient current, JsonObject patch) {
    for (String field : patch.fieldNames()) {
      if (!MEMBERS.contains(field)) {
        throw new IllegalArgumentException("/" + field + " is not a known member; expected " + MEMBERS
          + (field.equals("disabled") ? " (use POST …/disable or …/enable)" : ""));
      }
    }
    if (patch.containsKey("id") && !current.id().equals(patch.getValue("id"))) {
      throw new IllegalArgumentException("/id cannot be changed (is '" + current.id() + "')");
    }
    try {
      Set<Scope> scopes = current.scopes();
      if (patch.containsKey("scopes")) {
        scopes = EnumSet.noneOf(Scope.class);
        for (String scope : strings(patch, "scopes")) {
          scopes.add(Scope.parse(scope));
        }
      }
      return new ApiClient(
        current.id(),
        patch.containsKey("name") ? patch.getString("name") : current.name(),
        patch.containsKey("class") ? ClientClass.parse(patch.getString("class")) : current.clientClass(),
        scopes,
        patch.containsKey("eventTypes") ? strings(patch, "eventTypes") : current.eventTypes(),
        patch.containsKey("locations") ? strings(patch, "locations") : current.locations(),
        patch.containsKey("ratePerSecond") ? patch.getInteger("ratePerSecond") : current.ratePerSecond(),
        patch.containsKey("burst") ? patch.getInteger("burst") : current.burst(),
        patch.containsKey("shadowLimit") ? requireBoolean(patch, "shadowLimit") : current.shadowLimit(),
        current.disabled());
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("a member has the wrong type: " + e.getMessage());
    }
  }

  private static boolean requireBoolean(JsonObject body, String field) {
    Boolean value = body.getBoolean(field);
    if (value == null) {
      throw new IllegalArgumentException("/" + field + " must be true or false");
    }
    return value;
  }

  private static Set<String> strings(JsonObject body, String field) {
    JsonArray array;
    try {
      array = body.getJsonArray(field);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("/" + field + " must be an array of strings");
    }
    Set<String> values = new LinkedHashSet<>();
    if (array != null) {
      for (Object value : array) {
        if (!(value instanceof String text) || text.isBlank()) {
          throw new IllegalArgumentException("/" + field + " must be an array of non-empty strings");
        }
        values.add(text);
      }
    }
    return values;
  }
}
