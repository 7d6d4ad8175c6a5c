package io.stocksync.contracts.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
    node.put("sku", event.sku());
    putIfPresent(node, "gtin", event.gtin());
    node.put("location", event.location());
    putIfPresent(node, "bin", event.bin());
    putIfPresent(node, "lot", event.lot());
    node.put("quantity", event.quantity().toPlainString());
    node.put("unit", event.unit());
    putIfPresent(node, "reasonCode", event.reasonCode());
    if (!event.references().isEmpty()) {
      ObjectNode refs = node.putObject("references");
      event.references().forEach(refs::put);
    }
    return mapper.writeValueAsBytes(node);
  }

  /** Reads a lane message; a body that is not one is a poison message and throws. */
  public InventoryEvent decode(byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      Map<String, String> references = new LinkedHashMap<>();
      JsonNode refs = node.get("references");
      if (refs != null) {
        refs.properties().forEach(e -> references.put(e.getKey(), e.getValue().asString()));
      }
      return new InventoryEvent(
        UUID.fromString(required(node, "transactionId")),
        EventType.fromWire(required(node, "type")),
        required(node, "source"),
        required(node, "transactionKey"),
        Instant.parse(required(node, "occurredAt")),
        Instant.parse(required(node, "receivedAt")),
        required(node, "sku"),
        optional(node, "gtin"),
        required(node, "location"),
        optional(node, "bin"),
        optional(node, "lot"),
        new BigDecimal(required(node, "quantity")),
        required(node, "unit"),
        optional(node, "reasonCode"),
        references);
    } catch (JacksonException | IllegalArgumentException | java.time.DateTimeException e) {
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
}
