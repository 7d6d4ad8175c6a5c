package io.stocksync.gateway.auth;

/** What a client may do; a route names the scope it needs. */
public enum Scope {
  EVENTS_WRITE("events:write"),
  INVENTORY_READ("inventory:read"),
  RESERVATIONS_WRITE("reservations:write"),
  ADMIN("admin");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Scope parse(String value) {
    for (Scope scope : values()) {
      if (scope.wireName.equals(value)) {
        return scope;
      }
    }
    throw new IllegalArgumentException("unknown scope '" + value + "', expected one of events:write, "
      + "inventory:read, reservations:write, admin");
  }
}
