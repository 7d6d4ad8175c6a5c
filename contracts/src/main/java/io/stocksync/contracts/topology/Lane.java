package io.stocksync.contracts.topology;

/**
 * A lane is one durable queue of execution events. Lanes separate work that must not wait behind
 * other work: customer-facing shipments on {@code critical}, day-to-day receipts and adjustments on
 * {@code standard}, file imports and replays on {@code bulk}. Inside a lane, message priority orders
 * work.
 */
public enum Lane {
  CRITICAL,
  STANDARD,
  BULK;

  public String id() {
    return name().toLowerCase();
  }

  public static Lane parse(String value) {
    for (Lane lane : values()) {
      if (lane.id().equalsIgnoreCase(value)) {
        return lane;
      }
    }
    throw new IllegalArgumentException("unknown lane '" + value + "', expected critical, standard or bulk");
  }
}
