package io.stocksync.contracts.event;

/** The inventory event types of contract v1, with their wire names. */
public enum EventType {
  RECEIPT("receipt"),
  SHIPMENT("shipment"),
  ADJUSTMENT("adjustment");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
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
