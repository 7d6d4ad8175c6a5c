package io.stocksync.contracts.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of a lane message: the canonical event with the lineage fields the gateway stamped.
 * Quantities travel as strings so no JSON library on the way can round them.
 */
public final class LaneMessageCodec {

  public static final String CONTENT_TYPE = "application/vnd.stocksync.event.v1+json";

  private final JsonMapper mapper = EventContract.strictMapper();

  public byte[] encode(InventoryEvent event) {
    ObjectNode node = mapper.createObjectNode();
    node.put("transactionId", event.transactionId().toString());
    node.put("type", event.type().wireName());
    node.put("source", event.source());
    node.put("transactionKey", event.transactionKey());
    node.put("occurredAt", event.occurredAt().toString());
    node.put("receivedAt", event.receivedAt().toString());
    putIfPresent(node, "sku", event.item().sku());
    putIfPresent(node, "gtin", event.item().gtin());
    putIfPresent(node, "partnerCode", event.item().partnerCode());
    node.put("location", event.location());
    putIfPresent(node, "bin", event.bin());
    putIfPresent(node, "lot", event.lot());
    if (!event.serials().isEmpty()) {
      ArrayNode serials = node.putArray("serials");
      event.serials().forEach(serials::add);
    }
    putIfPresent(node, "expiry", event.expiry() == null ? null : event.expiry().toString());
    putIfPresent(node, "owner", event.owner());
    node.put("quantity", event.quantity().toPlainString());
    node.put("unit", event.unit());
    putIfPresent(node, "state", event.state() == null ? null : event.state().wireName());
    putIfPresent(node, "fromState", event.fromState() == null ? null : event.fromState().wireName());
    putIfPresent(node, "toState", event.toState() == null ? null : event.toState().wireName());
    putIfPresent(node, "toLocation", event.toLocation());
    putIfPresent(node, "disposition", event.disposition() == null ? null : event.disposition().wireName());
    putIfPresent(node, "reasonCode", event.reasonCode());
    if (!event.references().isEmpty()) {
      ObjectNode refs = node.putObject("references");
      event.references().forEach(refs::put);
    }
    if (!event.extensions().isEmpty()) {
      ObjectNode extensions = node.putObject("extensions");
      event.extensions().forEach((name, value) -> {
        if (value instanceof Boolean flag) {
          extensions.put(name, flag);
        } else if (value instanceof BigDecimal number) {
          extensions.put(name, number);
        } else {
          extensions.put(name, String.valueOf(value));
        }
      });
    }
    return mapper.writeValueAsBytes(node);
  }

  /** Reads a lane message; a body that is not one is a poison message and throws. */
  public InventoryEvent decode(byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      InventoryEvent.Builder event = InventoryEvent.builder()
        .transactionId(UUID.fromString(required(node, "transactionId")))
        .type(EventType.fromWire(required(node, "type")))
        .source(required(node, "source"))
        .transactionKey(required(node, "transactionKey"))
        .occurredAt(Instant.parse(required(node, "occurredAt")))
        .receivedAt(Instant.parse(required(node, "receivedAt")))
        .item(new ItemRef(optional(node, "sku"), optional(node, "gtin"), optional(node, "partnerCode")))
        .location(required(node, "location"))
        .bin(optional(node, "bin"))
        .lot(optional(node, "lot"))
        .expiry(optional(node, "expiry", LocalDate::parse))
        .owner(optional(node, "owner"))
        .quantity(new BigDecimal(required(node, "quantity")))
        .unit(required(node, "unit"))
        .state(optional(node, "state", StockState::fromWire))
        .fromState(optional(node, "fromState", StockState::fromWire))
        .toState(optional(node, "toState", StockState::fromWire))
        .toLocation(optional(node, "toLocation"))
        .disposition(optional(node, "disposition", Disposition::fromWire))
        .reasonCode(optional(node, "reasonCode"));
      JsonNode serials = node.get("serials");
      if (serials != null) {
        List<String> values = new ArrayList<>();
        serials.forEach(serial -> values.add(serial.asString()));
        event.serials(values);
      }
      JsonNode refs = node.get("references");
      if (refs != null) {
        refs.properties().forEach(e -> event.reference(e.getKey(), e.getValue().asString()));
      }
      JsonNode extensions = node.get("extensions");
      if (extensions != null) {
        extensions.properties().forEach(e -> event.extension(e.getKey(), EventContract.scalar(e.getValue())));
      }
      return event.build();
    } catch (JacksonException | IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("not a v1 lane message: " + e.getMessage(), e);
    }
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value.asString();
  }

  private static String optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static <T> T optional(JsonNode node, String field, Function<String, T> parse) {
    String value = optional(node, field);
    return value == null ? null : parse.apply(value);
  }
}
