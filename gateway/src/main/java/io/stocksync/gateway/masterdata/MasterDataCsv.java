package io.stocksync.gateway.masterdata;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The import files of items and pack sizes ({@code sku,baseUnit,description,unit,quantity,of}: a
 * line with a base unit sets the item, a line with unit, quantity and of adds a pack size, one line
 * may do both) and of partner location codes ({@code source,partnerCode,location}). Pure.
 */
public final class MasterDataCsv {

  public static final List<String> ITEM_COLUMNS = List.of("sku", "baseUnit", "description", "unit", "quantity", "of");
  public static final List<String> LOCATION_MAPPING_COLUMNS = List.of("source", "partnerCode", "location");

  /** Changes, or the errors of the file. */
  public record Items(List<ItemChange> changes, List<MappingCsv.LineError> errors) {
  }

  public record LocationMappings(List<CsvTable.Row> rows, List<LocationRepository.LocationMapping> mappings,
      List<MappingCsv.LineError> errors) {
  }

  private MasterDataCsv() {
  }

  public static Items items(byte[] body, int maxRows) {
    CsvTable.Parsed parsed = CsvTable.parse(body, ITEM_COLUMNS, List.of("sku"), maxRows, "items and pack sizes");
    List<MappingCsv.LineError> errors = new ArrayList<>(parsed.errors());
    List<ItemChange> changes = new ArrayList<>();
    for (CsvTable.Row row : parsed.rows()) {
      boolean pack = row.get("unit") != null || row.get("quantity") != null || row.get("of") != null;
      if (row.get("baseUnit") != null) {
        changes.add(new ItemChange.SetItem(row.line(), row.get("sku"), row.get("baseUnit"), row.get("description")));
      } else if (!pack) {
        errors.add(new MappingCsv.LineError(row.line(), "baseUnit", "is required, or else unit, quantity and of"));
      }
      if (pack) {
        BigDecimal quantity = row.decimal("quantity", errors);
        changes.add(new ItemChange.AddPack(row.line(), row.get("sku"), row.get("unit"), quantity, row.get("of")));
      }
    }
    return new Items(errors.isEmpty() ? changes : List.of(), errors);
  }

  public static LocationMappings locationMappings(byte[] body, int maxRows) {
    CsvTable.Parsed parsed = CsvTable.parse(body, LOCATION_MAPPING_COLUMNS, LOCATION_MAPPING_COLUMNS, maxRows,
      "location mappings");
    List<MappingCsv.LineError> errors = new ArrayList<>(parsed.errors());
    List<LocationRepository.LocationMapping> mappings = new ArrayList<>();
    java.util.Map<String, CsvTable.Row> seen = new java.util.HashMap<>();
    for (CsvTable.Row row : parsed.rows()) {
      List<MappingRequest.FieldError> violations = locationMappingViolations(row.get("source"), row.get("partnerCode"),
        row.get("location"));
      violations.forEach(v -> errors.add(new MappingCsv.LineError(row.line(), v.field(), v.detail())));
      if (violations.isEmpty()) {
        CsvTable.Row earlier = seen.putIfAbsent(row.get("source") + "\n" + row.get("partnerCode"), row);
        if (earlier != null && !earlier.get("location").equals(row.get("location"))) {
          errors.add(new MappingCsv.LineError(row.line(), "partnerCode", "maps code '" + row.get("partnerCode")
            + "' of source '" + row.get("source") + "' to '" + row.get("location") + "', but line " + earlier.line()
            + " maps it to '" + earlier.get("location") + "'"));
        }
        mappings.add(new LocationRepository.LocationMapping(row.get("source"), row.get("partnerCode"),
          row.get("location"), null, null));
      }
    }
    return errors.isEmpty() ? new LocationMappings(parsed.rows(), mappings, List.of())
      : new LocationMappings(List.of(), List.of(), errors);
  }

  /** The rules of a location mapping: those of the event contract's {@code source} and {@code location}. */
  public static List<MappingRequest.FieldError> locationMappingViolations(String source, String code, String location) {
    List<MappingRequest.FieldError> errors = new ArrayList<>();
    if (source == null) {
      errors.add(new MappingRequest.FieldError("source", "is required"));
    } else if (!MappingRequest.SOURCE.matcher(source).matches()) {
      errors.add(new MappingRequest.FieldError("source", "must match " + MappingRequest.SOURCE.pattern() + ", was "
        + MappingRequest.echo(source)));
    }
    length("partnerCode", code, errors);
    length("location", location, errors);
    return errors;
  }

  /** A location code: 1 to 64 characters, as in events. */
  public static List<MappingRequest.FieldError> locationViolations(String code, String name) {
    List<MappingRequest.FieldError> errors = new ArrayList<>();
    length("code", code, errors);
    if (name != null && name.length() > 256) {
      errors.add(new MappingRequest.FieldError("name", "must be at most 256 characters"));
    }
    return errors;
  }

  private static void length(String field, String value, List<MappingRequest.FieldError> errors) {
    if (value == null) {
      errors.add(new MappingRequest.FieldError(field, "is required"));
    } else if (value.isEmpty() || value.codePointCount(0, value.length()) > 64) {
      errors.add(new MappingRequest.FieldError(field, "must be 1 to 64 characters"));
    }
  }
}
