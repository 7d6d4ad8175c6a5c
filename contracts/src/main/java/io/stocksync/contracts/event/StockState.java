package io.stocksync.contracts.event;

/**
 * The states stock is kept in per item, location, lot and owner. {@code ON_HAND}, {@code ALLOCATED},
 * {@code DAMAGED} and {@code QUARANTINED} are disjoint buckets of stock present at a location;
 * {@code IN_TRANSIT} is stock on its way to a location; {@code RESERVED} is a channel's claim on
 * on-hand stock, not stock of its own.
 */
public enum StockState {
  ON_HAND("on_hand"),
  ALLOCATED("allocated"),
  RESERVED("reserved"),
  IN_TRANSIT("in_transit"),
  DAMAGED("damaged"),
  QUARANTINED("quarantined");

  private final String wireName;

  StockState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static StockState fromWire(String value) {
    for (StockState state : values()) {
      if (state.wireName.equals(value)) {
        return state;
      }
    }
    throw new IllegalArgumentException("unknown stock state '" + value + "'");
  }
}
