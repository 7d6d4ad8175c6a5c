package io.stocksync.gateway.masterdata;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an import file of item mappings: RFC 4180 CSV in UTF-8, a header line naming the columns
 * {@code sku}, {@code gtin}, {@code source} and {@code partnerCode} in any order, then one mapping
 * per line. Every bad line is reported with its 1-based line number, so that a file is either
 * imported whole or corrected in one go. Pure and blocking: callers run it off the event loop.
 */
public final class MappingCsv {

  /** One data line: where it starts in the file, and what it asks for. */
  public record Row(int line, MappingRequest request) {
  }

  /** A problem of the file, located by line and, where it is about one value, by column. */
  public record LineError(int line, String field, String detail) {
  }

  /** The rows, or why the file cannot be imported: then {@code errors} is not empty. */
  public record Parsed(List<Row> rows, List<LineError> errors) {
    public Parsed {
      rows = List.copyOf(rows);
      errors = List.copyOf(errors);
    }
  }

  /** The file holds more rows than one import may. */
  public static final class TooManyRows extends RuntimeException {
    TooManyRows(String message) {
      super(message, null, false, false);
    }
  }

  static final List<String> COLUMNS = List.of("sku", "gtin", "source", "partnerCode");

  private final int maxRows;

  public MappingCsv(int maxRows) {
    this.maxRows = maxRows;
  }

  public Parsed parse(byte[] body) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
        .toString();
    } catch (CharacterCodingException e) {
      return failed(new LineError(1, null, "the file is not valid UTF-8"));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // spreadsheets like to start UTF-8 with a byte order mark
    }
    List<CsvLines.Line> lines;
    try {
      lines = CsvLines.split(text);
    } catch (CsvLines.SplitError e) {
      return failed(new LineError(e.line, null, e.getMessage()));
    }
    if (lines.isEmpty()) {
      return failed(new LineError(1, null, "the file is empty; its first line names the columns: "
        + String.join(",", COLUMNS)));
    }
    if (lines.size() - 1 > maxRows) {
      throw new TooManyRows("the file holds " + (lines.size() - 1) + " mappings; at most " + maxRows
        + " are allowed per import: split it");
    }
    List<LineError> errors = new ArrayList<>();
    Map<String, Integer> columns = header(lines.get(0), errors);
    if (!errors.isEmpty()) {
      return new Parsed(List.of(), errors);
    }
    if (lines.size() == 1) {
      return failed(new LineError(1, null, "the file holds no mappings, only its header line"));
    }
    List<Row> rows = new ArrayList<>();
    Map<String, Row> byCode = new HashMap<>();
    for (CsvLines.Line line : lines.subList(1, lines.size())) {
      if (line.values().size() != columns.size()) {
        errors.add(new LineError(line.number(), null, "has " + line.values().size() + " values, but the header names "
          + columns.size() + " columns"));
        continue;
      }
      MappingRequest request = new MappingRequest(value(line, columns, "sku"), value(line, columns, "gtin"),
        value(line, columns, "source"), value(line, columns, "partnerCode"));
      List<MappingRequest.FieldError> violations = request.violations();
      violations.forEach(v -> errors.add(new LineError(line.number(), v.field(), v.detail())));
      if (violations.isEmpty()) {
        Row row = new Row(line.number(), request);
        ItemMapping mapping = request.toMapping(null);
        Row earlier = byCode.putIfAbsent(mapping.kind() + "\n" + mapping.source() + "\n" + mapping.code(), row);
        if (earlier != null && !earlier.request().sku().equals(request.sku())) {
          errors.add(new LineError(line.number(), request.codeField(), "maps " + mapping.describeCode() + " to '"
            + request.sku() + "', but line " + earlier.line() + " maps it to '" + earlier.request().sku() + "'"));
        }
        rows.add(row);
      }
    }
    return errors.isEmpty() ? new Parsed(rows, List.of()) : new Parsed(List.of(), errors);
  }

  private static Parsed failed(LineError error) {
    return new Parsed(List.of(), List.of(error));
  }

  /** Column name (as in {@link #COLUMNS}) to its index; names are matched without regard to case. */
  private static Map<String, Integer> header(CsvLines.Line line, List<LineError> errors) {
    Map<String, String> known = new HashMap<>();
    COLUMNS.forEach(name -> known.put(name.toLowerCase(Locale.ROOT), name));
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (int i = 0; i < line.values().size(); i++) {
      String name = line.values().get(i);
      String column = known.get(name.toLowerCase(Locale.ROOT));
      if (column == null) {
        errors.add(new LineError(line.number(), name, "is not a known column; expected " + String.join(", ", COLUMNS)));
      } else if (columns.putIfAbsent(column, i) != null) {
        errors.add(new LineError(line.number(), column, "is named twice"));
      }
    }
    if (!columns.containsKey("sku")) {
      errors.add(new LineError(line.number(), "sku", "the header has no sku column"));
    }
    boolean partner = columns.containsKey("source") && columns.containsKey("partnerCode");
    if (!columns.containsKey("gtin") && !partner) {
      errors.add(new LineError(line.number(), "gtin", "the header needs a gtin column, or source and partnerCode columns"));
    }
    return columns;
  }

  /** The line's value of a column; an absent column or an empty value is null. */
  private static String value(CsvLines.Line line, Map<String, Integer> columns, String column) {
    Integer index = columns.get(column);
    if (index == null) {
      return null;
    }
    String value = line.values().get(index);
    return value.isEmpty() ? null : value;
  }
}
