package io.stocksync.gateway.auth;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A caller of the gateway and what it may do. Empty {@code eventTypes} or {@code locations} mean
 * no restriction; null {@code ratePerSecond}/{@code burst} mean the defaults of its class. A
 * disabled client keeps its keys and settings but every request it makes is refused.
 */
public record ApiClient(
  String id,
  String name,
  ClientClass clientClass,
  Set<Scope> scopes,
  Set<String> eventTypes,
  Set<String> locations,
  Integer ratePerSecond,
  Integer burst,
  boolean shadowLimit,
  boolean disabled) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public ApiClient {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("client id must be 1-64 lower-case letters, digits, '.', '_' or '-', was '"
        + id + "'");
    }
    name = name == null || name.isBlank() ? id : name;
    Objects.requireNonNull(clientClass, "clientClass");
    scopes = Set.copyOf(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a client needs at least one scope");
    }
    eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
    locations = locations == null ? Set.of() : Set.copyOf(locations);
    if (ratePerSecond != null && (ratePerSecond < 1 || ratePerSecond > 1_000_000)) {
      throw new IllegalArgumentException("ratePerSecond must be between 1 and 1000000");
    }
    if (burst != null && (burst < 1 || burst > 1_000_000)) {
      throw new IllegalArgumentException("burst must be between 1 and 1000000");
    }
  }

  /** An enabled client. */
  public ApiClient(String id, String name, ClientClass clientClass, Set<Scope> scopes, Set<String> eventTypes,
      Set<String> locations, Integer ratePerSecond, Integer burst, boolean shadowLimit) {
    this(id, name, clientClass, scopes, eventTypes, locations, ratePerSecond, burst, shadowLimit, false);
  }

  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }

  public boolean mayPost(String eventType) {
    return eventTypes.isEmpty() || eventTypes.contains(eventType);
  }

  public boolean mayUse(String location) {
    return locations.isEmpty() || locations.contains(location);
  }

  public int effectiveRate() {
    return ratePerSecond != null ? ratePerSecond : clientClass.defaultRatePerSecond();
  }

  public int effectiveBurst() {
    return burst != null ? burst : clientClass.defaultBurst();
  }
}
