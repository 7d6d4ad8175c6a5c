package io.stocksync.workers;

import io.stocksync.contracts.event.Disposition;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.StockState;
import java.math.BigDecimal;
import java.util.List;

/**
 * What each event type does to the ledger: the state deltas and counts it applies, per position.
 * The one place that defines the semantics documented in {@code docs/events.md}; pure, so it is
 * tested without a database.
 */
public final class EventSemantics {

  /** How a move changes its position: adds its quantity, or sets it as of the event's time. */
  public enum Kind {
    DELTA("delta"),
    COUNT("count");

    private final String sqlName;

    Kind(String sqlName) {
      this.sqlName = sqlName;
    }

    public String sqlName() {
      return sqlName;
    }
  }

  /** One change to one position (item, location, lot, owner, state, unit). */
  public record Move(String item, String location, String lot, String owner, StockState state, String unit,
                     BigDecimal quantity, Kind kind) {
  }

  private EventSemantics() {
  }

  /**
   * The moves of an event whose item is resolved to a SKU. An event whose moves cancel out (a
   * scrapped return) has none and is still recorded.
   */
  public static List<Move> moves(InventoryEvent event) {
    if (event.sku() == null) {
      throw new IllegalArgumentException("event " + event.transactionId() + " has no resolved SKU");
    }
    BigDecimal q = event.quantity();
    String at = event.location();
    return switch (event.type()) {
      case RECEIPT -> List.of(delta(event, at, or(event.toState(), StockState.ON_HAND), q));
      case SHIPMENT -> List.of(delta(event, at, or(event.fromState(), StockState.ON_HAND), q.negate()));
      case PICK -> List.of(
        delta(event, at, StockState.ON_HAND, q.negate()),
        delta(event, at, StockState.ALLOCATED, q));
      case ADJUSTMENT -> List.of(delta(event, at, or(event.state(), StockState.ON_HAND), q));
      case TRANSFER_OUT -> List.of(
        delta(event, at, StockState.ON_HAND, q.negate()),
        delta(event, event.toLocation(), StockState.IN_TRANSIT, q));
      case TRANSFER_IN -> List.of(
        delta(event, at, StockState.IN_TRANSIT, q.negate()),
        delta(event, at, StockState.ON_HAND, q));
      case RETURN -> or(event.disposition(), Disposition.INSPECT).state()
        .map(state -> List.of(delta(event, at, state, q)))
        .orElse(List.of());
      case CYCLE_COUNT -> List.of(new Move(event.sku(), at, lot(event), owner(event),
        or(event.state(), StockState.ON_HAND), event.unit(), q, Kind.COUNT));
      case STATUS_CHANGE -> List.of(
        delta(event, at, event.fromState(), q.negate()),
        delta(event, at, event.toState(), q));
    };
  }

  private static Move delta(InventoryEvent event, String location, StockState state, BigDecimal quantity) {
    return new Move(event.sku(), location, lot(event), owner(event), state, event.unit(), quantity, Kind.DELTA);
  }

  private static String lot(InventoryEvent event) {
    return event.lot() == null ? "" : event.lot();
  }

  private static String owner(InventoryEvent event) {
    return event.owner() == null ? "" : event.owner();
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
