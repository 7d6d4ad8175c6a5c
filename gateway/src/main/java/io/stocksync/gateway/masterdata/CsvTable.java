package io.stocksync.gateway.masterdata;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An import file of master data as rows of named values: a header line naming known columns (in any
 * order, without regard to case), then one row per line. Every problem is a
 * {@link MappingCsv.LineError} with its 1-based line, so a file is corrected in one go. Pure and
 * blocking: callers run it off the event loop.
 */
public final class CsvTable {

  /** One data line: its number and its values by column name (absent and empty values are missing). */
  public record Row(int line, Map<String, String> values) {
    public String get(String column) {
      return values.get(column);
    }

    /** The value as an exact decimal; a missing value is null, a bad one an error. */
    public BigDecimal decimal(String column, List<MappingCsv.LineError> errors) {
      String value = values.get(column);
      if (value == null) {
        return null;
      }
      try {
        return new BigDecimal(value);
      } catch (NumberFormatException e) {
        errors.add(new MappingCsv.LineError(line, column, "must be a decimal number such as 12 or 0.5, was '"
          + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'"));
        return null;
      }
    }
  }

  public record Parsed(List<Row> rows, List<MappingCsv.LineError> errors) {
    public Parsed {
      rows = List.copyOf(rows);
      errors = List.copyOf(errors);
    }
  }

  private CsvTable() {
  }

  /** The rows of the file, or its errors; {@code required} columns must be in the header. */
  public static Parsed parse(byte[] body, List<String> columns, List<String> required, int maxRows, String what) {
    Optional<String> text = CsvLines.decode(body);
    if (text.isEmpty()) {
      return failed(1, "the file is not valid UTF-8");
    }
    List<CsvLines.Line> lines;
    try {
      lines = CsvLines.split(text.get());
    } catch (CsvLines.SplitError e) {
      return failed(e.line, e.getMessage());
    }
    if (lines.isEmpty()) {
      return failed(1, "the file is empty; its first line names the columns: " + String.join(",", columns));
    }
    if (lines.size() - 1 > maxRows) {
      throw new MappingCsv.TooManyRows("the file holds " + (lines.size() - 1) + " " + what + "; at most " + maxRows
        + " are allowed per import: split it");
    }
    List<MappingCsv.LineError> errors = new ArrayList<>();
    Map<String, String> known = new HashMap<>();
    columns.forEach(name -> known.put(name.toLowerCase(Locale.ROOT), name));
    CsvLines.Line header = lines.get(0);
    Map<Integer, String> byIndex = new LinkedHashMap<>();
    for (int i = 0; i < header.values().size(); i++) {
      String name = header.values().get(i);
      String column = known.get(name.toLowerCase(Locale.ROOT));
      if (column == null) {
        errors.add(new MappingCsv.LineError(1, name, "is not a known column; expected " + String.join(", ", columns)));
      } else if (byIndex.containsValue(column)) {
        errors.add(new MappingCsv.LineError(1, column, "is named twice"));
      } else {
        byIndex.put(i, column);
      }
    }
    for (String column : required) {
      if (!byIndex.containsValue(column)) {
        errors.add(new MappingCsv.LineError(1, column, "the header has no " + column + " column"));
      }
    }
    if (!errors.isEmpty()) {
      return new Parsed(List.of(), errors);
    }
    if (lines.size() == 1) {
      return failed(1, "the file holds no " + what + ", only its header line");
    }
    List<Row> rows = new ArrayList<>();
    for (CsvLines.Line line : lines.subList(1, lines.size())) {
      if (line.values().size() != header.values().size()) {
        errors.add(new MappingCsv.LineError(line.number(), null, "has " + line.values().size()
          + " values, but the header names " + header.values().size() + " columns"));
        continue;
      }
      Map<String, String> values = new HashMap<>();
      byIndex.forEach((i, column) -> {
        String value = line.values().get(i);
        if (!value.isEmpty()) {
          values.put(column, value);
        }
      });
      rows.add(new Row(line.number(), values));
    }
    return new Parsed(rows, errors);
  }

  private static Parsed failed(int line, String detail) {
    return new Parsed(List.of(), List.of(new MappingCsv.LineError(line, null, detail)));
  }
}
