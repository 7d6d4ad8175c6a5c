package io.stocksync.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocksync.contracts.event.Disposition;
import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.ItemRef;
import io.stocksync.contracts.event.StockState;
import io.stocksync.workers.EventSemantics.Kind;
import io.stocksync.workers.EventSemantics.Move;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventSemanticsTest {

  static InventoryEvent.Builder event(EventType type, String quantity) {
    return InventoryEvent.builder().transactionId(UUID.randomUUID()).type(type).source("wms").transactionKey("K")
      .occurredAt(Instant.parse("2026-12-03T10:00:00Z")).receivedAt(Instant.now())
      .sku("SKU-1").location("DC-1").quantity(new BigDecimal(quantity)).unit("EA");
  }

  static Move move(String location, StockState state, String quantity) {
    return new Move("SKU-1", location, "", "", state, "EA", new BigDecimal(quantity), Kind.DELTA);
  }

  @Test
  void receipts_add_to_on_hand_or_the_state_they_name() {
    assertThat(EventSemantics.moves(event(EventType.RECEIPT, "5").build()))
      .containsExactly(move("DC-1", StockState.ON_HAND, "5"));
    assertThat(EventSemantics.moves(event(EventType.RECEIPT, "5").toState(StockState.QUARANTINED).build()))
      .containsExactly(move("DC-1", StockState.QUARANTINED, "5"));
  }

  @Test
  void a_pick_allocates_and_a_shipment_of_picked_stock_takes_it_from_allocated() {
    assertThat(EventSemantics.moves(event(EventType.PICK, "2").build()))
      .containsExactly(move("DC-1", StockState.ON_HAND, "-2"), move("DC-1", StockState.ALLOCATED, "2"));
    assertThat(EventSemantics.moves(event(EventType.SHIPMENT, "2").fromState(StockState.ALLOCATED).build()))
      .containsExactly(move("DC-1", StockState.ALLOCATED, "-2"));
    assertThat(EventSemantics.moves(event(EventType.SHIPMENT, "2").build()))
      .containsExactly(move("DC-1", StockState.ON_HAND, "-2"));
  }

  @Test
  void a_transfer_goes_through_in_transit_at_its_destination() {
    assertThat(EventSemantics.moves(event(EventType.TRANSFER_OUT, "3").toLocation("STORE-9").build()))
      .containsExactly(move("DC-1", StockState.ON_HAND, "-3"), move("STORE-9", StockState.IN_TRANSIT, "3"));
    assertThat(EventSemantics.moves(event(EventType.TRANSFER_IN, "3").location("STORE-9").build()))
      .containsExactly(move("STORE-9", StockState.IN_TRANSIT, "-3"), move("STORE-9", StockState.ON_HAND, "3"));
  }

  @Test
  void returns_go_where_their_disposition_says_and_scrap_touches_no_stock() {
    assertThat(EventSemantics.moves(event(EventType.RETURN, "1").build()))
      .containsExactly(move("DC-1", StockState.QUARANTINED, "1"));
    assertThat(EventSemantics.moves(event(EventType.RETURN, "1").disposition(Disposition.RESTOCK).build()))
      .containsExactly(move("DC-1", StockState.ON_HAND, "1"));
    assertThat(EventSemantics.moves(event(EventType.RETURN, "1").disposition(Disposition.SCRAP).build())).isEmpty();
  }

  @Test
  void adjustments_status_changes_and_counts_name_their_state() {
    assertThat(EventSemantics.moves(event(EventType.ADJUSTMENT, "-1.5").state(StockState.DAMAGED).build()))
      .containsExactly(move("DC-1", StockState.DAMAGED, "-1.5"));
    assertThat(EventSemantics.moves(event(EventType.STATUS_CHANGE, "4")
      .fromState(StockState.ON_HAND).toState(StockState.QUARANTINED).build()))
      .containsExactly(move("DC-1", StockState.ON_HAND, "-4"), move("DC-1", StockState.QUARANTINED, "4"));
    assertThat(EventSemantics.moves(event(EventType.CYCLE_COUNT, "40").lot("L1").owner("ACME").build()))
      .containsExactly(new Move("SKU-1", "DC-1", "L1", "ACME", StockState.ON_HAND, "EA", new BigDecimal("40"),
        Kind.COUNT));
  }

  @Test
  void an_unresolved_item_has_no_moves_yet() {
    InventoryEvent byGtin = event(EventType.RECEIPT, "1").item(new ItemRef(null, "04006381333931", null)).build();
    assertThatThrownBy(() -> EventSemantics.moves(byGtin)).isInstanceOf(IllegalArgumentException.class);
  }
}
