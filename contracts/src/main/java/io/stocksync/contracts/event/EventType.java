package io.stocksync.contracts.event;

/** The inventory event types of contract v1, with their wire names. */
public enum EventType {
  RECEIPT("receipt"),
  SHIPMENT("shipment"),
  PICK("pick"),
  ADJUSTMENT("adjustment"),
  TRANSFER_OUT("transfer-out"),
  TRANSFER_IN("transfer-in"),
  RETURN("return"),
  CYCLE_COUNT("cycle-count"),
  STATUS_CHANGE("status-change");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The type of this wire name, or null when there is none. */
  public static EventType lookup(String value) {
    for (EventType type : values()) {
      if (type.wireName.equals(value)) {
        return type;
      }
    }
    return null;
  }

  public static EventType fromWire(String value) {
    for (EventType type : values()) {
      if (type.wireName.equals(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown event type '" + value + "'");
  }
}
