package io.stocksync.contracts.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The canonical inventory event as gateway and workers exchange it on a lane. The pair
 * ({@code source}, {@code transactionKey}) identifies the business event: a second event with the
 * same pair is the same event delivered again and changes nothing. {@code transactionId} is the
 * lineage id stocksync stamped on it when it was received.
 */
public record InventoryEvent(
  UUID transactionId,
  EventType type,
  String source,
  String transactionKey,
  Instant occurredAt,
  Instant receivedAt,
  String sku,
  String gtin,
  String location,
  String bin,
  String lot,
  BigDecimal quantity,
  String unit,
  String reasonCode,
  Map<String, String> references) {

  public InventoryEvent {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(transactionKey, "transactionKey");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unit, "unit");
    references = references == null ? Map.of() : Map.copyOf(references);
  }

  /**
   * The change this event makes to on-hand stock, in its own unit: receipts add, shipments remove,
   * adjustments carry their sign.
   */
  public BigDecimal onHandDelta() {
    return switch (type) {
      case RECEIPT, ADJUSTMENT -> quantity;
      case SHIPMENT -> quantity.negate();
    };
  }
}
