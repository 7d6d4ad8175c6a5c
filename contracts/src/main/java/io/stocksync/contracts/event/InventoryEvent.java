package io.stocksync.contracts.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The canonical inventory event as gateway and workers exchange it on a lane. The pair
 * ({@code source}, {@code transactionKey}) identifies the business event: a second event with the
 * same pair is the same event delivered again and changes nothing. {@code transactionId} is the
 * lineage id stocksync stamped on it when it was received. Which fields a type uses, and what it
 * does to the ledger, is in {@code docs/events.md}; the JSON Schema of contract v1 is the rule.
 *
 * @param state the state an adjustment or a cycle count concerns (null: on_hand)
 * @param fromState where a shipment or status change takes stock from (null: the type's default)
 * @param toState where a receipt or status change puts stock (null: the type's default)
 * @param toLocation the destination of a transfer-out
 * @param extensions the sender's namespaced attributes: String, BigDecimal or Boolean values
 */
public record InventoryEvent(
  UUID transactionId,
  EventType type,
  String source,
  String transactionKey,
  Instant occurredAt,
  Instant receivedAt,
  ItemRef item,
  String location,
  String bin,
  String lot,
  List<String> serials,
  LocalDate expiry,
  String owner,
  BigDecimal quantity,
  String unit,
  StockState state,
  StockState fromState,
  StockState toState,
  String toLocation,
  Disposition disposition,
  String reasonCode,
  Map<String, String> references,
  Map<String, Object> extensions) {

  public InventoryEvent {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(transactionKey, "transactionKey");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unit, "unit");
    serials = serials == null ? List.of() : List.copyOf(serials);
    references = references == null ? Map.of() : Map.copyOf(references);
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  /** The SKU the event names itself, or null when it names its item by GTIN or partner code only. */
  public String sku() {
    return item.sku();
  }

  /** The same event naming its item by a resolved SKU. */
  public InventoryEvent withSku(String sku) {
    return toBuilder().item(new ItemRef(sku, item.gtin(), item.partnerCode())).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder(null);
  }

  /** Builds events in code (tests, benchmarks, replays); the record still validates. */
  public static final class Builder {
    private UUID transactionId;
    private EventType type;
    private String source;
    private String transactionKey;
    private Instant occurredAt;
    private Instant receivedAt;
    private ItemRef item;
    private String location;
    private String bin;
    private String lot;
    private List<String> serials;
    private LocalDate expiry;
    private String owner;
    private BigDecimal quantity;
    private String unit;
    private StockState state;
    private StockState fromState;
    private StockState toState;
    private String toLocation;
    private Disposition disposition;
    private String reasonCode;
    private Map<String, String> references = new LinkedHashMap<>();
    private Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder(InventoryEvent from) {
      if (from == null) {
        return;
      }
      transactionId = from.transactionId;
      type = from.type;
      source = from.source;
      transactionKey = from.transactionKey;
      occurredAt = from.occurredAt;
      receivedAt = from.receivedAt;
      item = from.item;
      location = from.location;
      bin = from.bin;
      lot = from.lot;
      serials = from.serials;
      expiry = from.expiry;
      owner = from.owner;
      quantity = from.quantity;
      unit = from.unit;
      state = from.state;
      fromState = from.fromState;
      toState = from.toState;
      toLocation = from.toLocation;
      disposition = from.disposition;
      reasonCode = from.reasonCode;
      references = new LinkedHashMap<>(from.references);
      extensions = new LinkedHashMap<>(from.extensions);
    }

    public Builder transactionId(UUID value) { transactionId = value; return this; }
    public Builder type(EventType value) { type = value; return this; }
    public Builder source(String value) { source = value; return this; }
    public Builder transactionKey(String value) { transactionKey = value; return this; }
    public Builder occurredAt(Instant value) { occurredAt = value; return this; }
    public Builder receivedAt(Instant value) { receivedAt = value; return this; }
    public Builder item(ItemRef value) { item = value; return this; }
    public Builder sku(String value) { item = ItemRef.sku(value); return this; }
    public Builder location(String value) { location = value; return this; }
    public Builder bin(String value) { bin = value; return this; }
    public Builder lot(String value) { lot = value; return this; }
    public Builder serials(List<String> value) { serials = value; return this; }
    public Builder expiry(LocalDate value) { expiry = value; return this; }
    public Builder owner(String value) { owner = value; return this; }
    public Builder quantity(BigDecimal value) { quantity = value; return this; }
    public Builder unit(String value) { unit = value; return this; }
    public Builder state(StockState value) { state = value; return this; }
    public Builder fromState(StockState value) { fromState = value; return this; }
    public Builder toState(StockState value) { toState = value; return this; }
    public Builder toLocation(String value) { toLocation = value; return this; }
    public Builder disposition(Disposition value) { disposition = value; return this; }
    public Builder reasonCode(String value) { reasonCode = value; return this; }
    public Builder reference(String name, String value) { references.put(name, value); return this; }
    public Builder extension(String name, Object value) { extensions.put(name, value); return this; }

    public InventoryEvent build() {
      return new InventoryEvent(transactionId, type, source, transactionKey, occurredAt, receivedAt, item, location,
        bin, lot, serials, expiry, owner, quantity, unit, state, fromState, toState, toLocation, disposition,
        reasonCode, references, extensions);
    }
  }
}
