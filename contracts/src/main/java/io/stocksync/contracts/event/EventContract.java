package io.stocksync.contracts.event;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contract v1 of an inventory event on the wire: strict JSON parsing, JSON Schema validation and
 * the checks a schema cannot express (decimal scale, calendar dates), then the canonical record.
 * Thread-safe; load once and share.
 */
public final class EventContract {

  public static final String SCHEMA_RESOURCE = "/schemas/v1/inventory-event.schema.json";
  public static final String SCHEMA_ID = "https://stocksync.io/schemas/v1/inventory-event.schema.json";
  public static final int MAX_SCALE = 6;
  public static final int MAX_INTEGER_DIGITS = 12;
  /** The deepest contract document nests 3 levels; anything far deeper is an attack or a bug. */
  public static final int MAX_NESTING_DEPTH = 16;
  public static final int MAX_NUMBER_LENGTH = 40;
  public static final int MAX_STRING_LENGTH = 10_000;

  private final JsonMapper mapper;
  private final Schema schema;
  private final Map<EventType, Schema> schemaByType;

  private EventContract(JsonMapper mapper, Schema schema, Map<EventType, Schema> schemaByType) {
    this.mapper = mapper;
    this.schema = schema;
    this.schemaByType = schemaByType;
  }

  /**
   * Loads the schema once. Besides the whole document, it keeps the per-type schema of each event
   * type (`#/$defs/receipt`, ...): an event whose type is known is checked against its own schema
   * only, which gives the same errors without evaluating the other eight `if` branches.
   */
  public static EventContract load() {
    JsonMapper mapper = strictMapper();
    try (InputStream in = EventContract.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
      }
      String document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemas(Map.of(SCHEMA_ID, document)));
      Schema schema = registry.getSchema(SchemaLocation.of(SCHEMA_ID));
      Map<EventType, Schema> byType = new EnumMap<>(EventType.class);
      for (EventType type : EventType.values()) {
        byType.put(type, registry.getSchema(SchemaLocation.of(SCHEMA_ID + "#/$defs/" + type.wireName())));
      }
      return new EventContract(mapper, schema, byType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A mapper that refuses duplicate keys and trailing data and keeps every number exact. */
  public static JsonMapper strictMapper() {
    JsonFactory factory = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING_DEPTH)
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .maxStringLength(MAX_STRING_LENGTH)
        .build())
      .build();
    return JsonMapper.builder(factory)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  }

  public JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new MalformedJsonException("the request body is empty; send one JSON object", 1, 1);
    }
    if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
      // RFC 8259 section 8.1: JSON text must not begin with a byte order mark
      throw new MalformedJsonException("the body starts with a byte order mark; send UTF-8 without one", 1, 1);
    }
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new MalformedJsonException("the request body is empty; send one JSON object", 1, 1);
      }
      return node;
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      long line = at == null ? -1 : at.getLineNr();
      long column = at == null ? -1 : at.getColumnNr();
      throw new MalformedJsonException(e.getOriginalMessage(), line, column);
    }
  }

  /** Parses, validates and maps one event; throws {@link InvalidEventException} listing every violation. */
  public InventoryEvent read(byte[] body, UUID transactionId, Instant receivedAt) {
    JsonNode node = parse(body);
    List<Violation> violations = validate(node);
    if (!violations.isEmpty()) {
      throw new InvalidEventException(violations);
    }
    return toEvent(node, transactionId, receivedAt);
  }

  /** Validates and maps one already parsed event (an item of a batch). */
  public InventoryEvent read(JsonNode node, UUID transactionId, Instant receivedAt) {
    List<Violation> violations = validate(node);
    if (!violations.isEmpty()) {
      throw new InvalidEventException(violations);
    }
    return toEvent(node, transactionId, receivedAt);
  }

  /**
   * Splits a batch body into its items: a JSON array, or NDJSON (one event per line). An item
   * that is not well-formed JSON becomes a {@link MalformedJsonException} in its place, so the
   * other items can still be judged.
   */
  public List<Object> parseBatch(byte[] body, boolean ndjson) {
    List<Object> items = new java.util.ArrayList<>();
    if (!ndjson) {
      JsonNode root = parse(body);
      if (!root.isArray()) {
        throw new MalformedJsonException("a batch is a JSON array of events (or NDJSON with its content type)", 1, 1);
      }
      root.forEach(items::add);
      return items;
    }
    if (body == null) {
      // an empty NDJSON body is a batch of no lines, which the caller refuses as such
      return items;
    }
    // split the bytes, not a decoded string: invalid UTF-8 must stay visible to the parser
    int line = 0;
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        line++;
        byte[] raw = java.util.Arrays.copyOfRange(body, start, i);
        start = i + 1;
        if (new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
          continue;
        }
        try {
          items.add(parse(raw));
        } catch (MalformedJsonException e) {
          items.add(new MalformedJsonException(e.getMessage(), line, e.column()));
        }
      }
    }
    return items;
  }

  public List<Violation> validate(JsonNode node) {
    List<Violation> violations = new ArrayList<>();
    for (Error error : schemaFor(node).validate(node)) {
      violations.add(new Violation(pointerOf(error), messageOf(error)));
    }
    if (violations.isEmpty()) {
      checkQuantity(node.get("quantity"), violations);
      checkTimestamp(node.get("occurredAt"), violations);
      checkExpiry(node.get("expiry"), violations);
      checkSerials(node.get("serials"), node.get("quantity"), violations);
      checkStates(node, violations);
      checkGtin(node.get("item"), violations);
    }
    violations.sort(Comparator.comparing(Violation::pointer));
    return violations;
  }

  private Schema schemaFor(JsonNode node) {
    JsonNode type = node.isObject() ? node.get("type") : null;
    if (type != null && type.isString()) {
      EventType known = EventType.lookup(type.stringValue());
      if (known != null) {
        return schemaByType.get(known);
      }
    }
    return schema;
  }

  private static String pointerOf(Error error) {
    String base = toPointer(error.getInstanceLocation().toString());
    // "required" errors point at the object; name the missing member itself
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      return base + "/" + error.getProperty();
    }
    if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
      return base + "/" + error.getProperty();
    }
    return base;
  }

  private static String messageOf(Error error) {
    return switch (error.getKeyword()) {
      case "required" -> "is required";
      case "additionalProperties" -> "is not a known property of this contract";
      case "not" -> notMessage(error.getSchemaNode());
      default -> stripLocation(error.getMessage()).trim();
    };
  }

  private static String notMessage(JsonNode schema) {
    JsonNode not = schema.has("not") ? schema.get("not") : schema;
    return not.has("const") ? "must not be " + not.get("const").toString() : "is not allowed here";
  }

  private static String stripLocation(String message) {
    // the validator prefixes messages with the instance location; the pointer already says it
    int colon = message.indexOf(": ");
    return colon > 0 && (message.startsWith("$") || message.startsWith("/")) ? message.substring(colon + 2) : message;
  }

  static String toPointer(String location) {
    if (location.startsWith("/") || location.isEmpty()) {
      return location;
    }
    if (!location.startsWith("$")) {
      return "/" + location;
    }
    StringBuilder pointer = new StringBuilder();
    String rest = location.substring(1);
    int i = 0;
    while (i < rest.length()) {
      char c = rest.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        pointer.append('/').append(escape(rest.substring(i + 1, end)));
        i = end;
      } else if (c == '[') {
        int end = rest.indexOf(']', i);
        String token = rest.substring(i + 1, end);
        if (token.startsWith("'") && token.endsWith("'")) {
          token = token.substring(1, token.length() - 1);
        }
        pointer.append('/').append(escape(token));
        i = end + 1;
      } else {
        i++;
      }
    }
    return pointer.toString();
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static void checkQuantity(JsonNode quantity, List<Violation> violations) {
    BigDecimal value = quantity.decimalValue().stripTrailingZeros();
    if (value.scale() > MAX_SCALE) {
      violations.add(new Violation("/quantity", "has more than " + MAX_SCALE + " decimal places"));
    }
    if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
      violations.add(new Violation("/quantity", "has more than " + MAX_INTEGER_DIGITS + " integer digits"));
    }
  }

  private static void checkTimestamp(JsonNode occurredAt, List<Violation> violations) {
    try {
      OffsetDateTime.parse(occurredAt.asString());
    } catch (DateTimeParseException e) {
      violations.add(new Violation("/occurredAt",
        "must be an RFC 3339 date-time with offset, e.g. 2026-12-03T10:15:00Z"));
    }
  }

  private static void checkExpiry(JsonNode expiry, List<Violation> violations) {
    if (expiry == null) {
      return;
    }
    try {
      LocalDate.parse(expiry.asString());
    } catch (DateTimeParseException e) {
      violations.add(new Violation("/expiry", "must be a calendar date (ISO 8601), e.g. 2027-06-30"));
    }
  }

  /** Serials name units one by one, so there are exactly as many as the quantity counts. */
  private static void checkSerials(JsonNode serials, JsonNode quantity, List<Violation> violations) {
    if (serials == null) {
      return;
    }
    BigDecimal units = quantity.decimalValue().abs();
    if (units.compareTo(BigDecimal.valueOf(serials.size())) != 0) {
      violations.add(new Violation("/serials", "has " + serials.size() + " serial numbers for a quantity of "
        + units.stripTrailingZeros().toPlainString() + "; send one per unit"));
    }
  }

  /** GS1 check digit: a mistyped or truncated GTIN would otherwise wait in quarantine for a mapping that never comes. */
  private static void checkGtin(JsonNode item, List<Violation> violations) {
    JsonNode gtin = item == null ? null : item.get("gtin");
    if (gtin == null || !gtin.isString()) {
      return;
    }
    String digits = gtin.stringValue();
    int expected = gs1CheckDigit(digits.substring(0, digits.length() - 1));
    int actual = digits.charAt(digits.length() - 1) - '0';
    if (expected != actual) {
      violations.add(new Violation("/item/gtin", "has check digit " + actual + ", but its other digits give "
        + expected + " (GS1 mod 10): a digit is mistyped or missing"));
    }
  }

  /** The GS1 mod 10 check digit of the digits before it: weights 3 and 1 from the right. */
  static int gs1CheckDigit(String body) {
    int sum = 0;
    for (int i = body.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
      sum += (body.charAt(i) - '0') * weight;
    }
    return (10 - sum % 10) % 10;
  }

  private static void checkStates(JsonNode node, List<Violation> violations) {
    JsonNode from = node.get("fromState");
    JsonNode to = node.get("toState");
    if ("status-change".equals(node.get("type").asString()) && from != null && to != null
      && from.asString().equals(to.asString())) {
      violations.add(new Violation("/toState", "must differ from fromState (" + from.asString() + ")"));
    }
  }

  private static InventoryEvent toEvent(JsonNode node, UUID transactionId, Instant receivedAt) {
    JsonNode item = node.get("item");
    InventoryEvent.Builder event = InventoryEvent.builder()
      .transactionId(transactionId)
      .type(EventType.fromWire(node.get("type").asString()))
      .source(node.get("source").asString())
      .transactionKey(node.get("transactionKey").asString())
      .occurredAt(OffsetDateTime.parse(node.get("occurredAt").asString()).toInstant())
      .receivedAt(receivedAt)
      .item(new ItemRef(text(item, "sku"), text(item, "gtin"), text(item, "partnerCode")))
      .location(node.get("location").asString())
      .bin(text(node, "bin"))
      .lot(text(node, "lot"))
      .owner(text(node, "owner"))
      .quantity(node.get("quantity").decimalValue().stripTrailingZeros())
      .unit(node.get("unit").asString())
      .toLocation(text(node, "toLocation"))
      .reasonCode(text(node, "reasonCode"));
    String expiry = text(node, "expiry");
    event.expiry(expiry == null ? null : LocalDate.parse(expiry));
    event.state(state(node, "state")).fromState(state(node, "fromState")).toState(state(node, "toState"));
    String disposition = text(node, "disposition");
    event.disposition(disposition == null ? null : Disposition.fromWire(disposition));
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
      extensions.properties().forEach(e -> event.extension(e.getKey(), scalar(e.getValue())));
    }
    return event.build();
  }

  /** An extension value as String, BigDecimal or Boolean (the schema allows nothing else). */
  static Object scalar(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    return value.asString();
  }

  private static StockState state(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? null : StockState.fromWire(value);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }
}
