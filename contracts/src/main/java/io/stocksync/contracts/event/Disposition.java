package io.stocksync.contracts.event;

import java.util.Optional;

/** What happens to returned goods, and so which state a return adds them to. */
public enum Disposition {
  INSPECT("inspect", StockState.QUARANTINED),
  RESTOCK("restock", StockState.ON_HAND),
  DAMAGED("damaged", StockState.DAMAGED),
  /** Recorded for the audit trail; the goods never enter stock. */
  SCRAP("scrap", null);

  private final String wireName;
  private final StockState state;

  Disposition(String wireName, StockState state) {
    this.wireName = wireName;
    this.state = state;
  }

  public String wireName() {
    return wireName;
  }

  public Optional<StockState> state() {
    return Optional.ofNullable(state);
  }

  public static Disposition fromWire(String value) {
    for (Disposition disposition : values()) {
      if (disposition.wireName.equals(value)) {
        return disposition;
      }
    }
    throw new IllegalArgumentException("unknown disposition '" + value + "'");
  }
}
