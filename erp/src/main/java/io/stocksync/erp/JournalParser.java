package io.stocksync.erp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the reference ERP's journal JSON. A bad request is an IllegalArgumentException whose
 * message names the offending field (e.g. {@code lines[2].quantity}), as a real ERP's 400 would.
 */
final class JournalParser {

  static final int MAX_LINES = 1_000;
  private static final int MAX_TEXT = 128;
  private static final int MAX_PRECISION = 38;

  private JournalParser() {
  }

  static ErpJournal parse(JsonObject body) {
    if (body == null) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    String reference = text(body, "externalReference", "externalReference");
    Object rawLines = body.getValue("lines");
    if (!(rawLines instanceof JsonArray lines) || lines.isEmpty()) {
      throw new IllegalArgumentException("lines must be a non-empty array");
    }
    if (lines.size() > MAX_LINES) {
      throw new IllegalArgumentException("lines must hold at most " + MAX_LINES + " lines, has " + lines.size());
    }
    List<ErpLine> parsed = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String path = "lines[" + i + "]";
      if (!(lines.getValue(i) instanceof JsonObject line)) {
        throw new IllegalArgumentException(path + " must be an object");
      }
      parsed.add(new ErpLine(
        text(line, "item", path + ".item"),
        text(line, "location", path + ".location"),
        lot(line, path + ".lot"),
        text(line, "unit", path + ".unit"),
        quantity(line.getValue("quantity"), path + ".quantity"),
        text(line, "movementType", path + ".movementType")));
    }
    return new ErpJournal(reference, parsed);
  }

  private static String text(JsonObject json, String key, String path) {
    Object value = json.getValue(key);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException(path + " must be a non-blank string");
    }
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException(path + " must be at most " + MAX_TEXT + " characters");
    }
    return text;
  }

  private static String lot(JsonObject json, String path) {
    return json.getValue("lot") == null ? null : text(json, "lot", path);
  }

  // a decimal string is exact; a JSON number goes through its shortest decimal form
  private static BigDecimal quantity(Object value, String path) {
    BigDecimal quantity;
    try {
      if (value instanceof String text) {
        quantity = new BigDecimal(text.trim());
      } else if (value instanceof Number number) {
        quantity = new BigDecimal(number.toString());
      } else {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + " must be a decimal number or a decimal string");
    }
    if (quantity.precision() > MAX_PRECISION || quantity.scale() > MAX_PRECISION || quantity.scale() < -MAX_PRECISION) {
      throw new IllegalArgumentException(path + " must have at most " + MAX_PRECISION + " digits");
    }
    return quantity;
  }
}
