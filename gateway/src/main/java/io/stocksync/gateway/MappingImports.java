package io.stocksync.gateway;

import io.stocksync.gateway.masterdata.ItemMapping;
import io.stocksync.gateway.masterdata.MappingCsv;
import io.stocksync.gateway.masterdata.MasterDataRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The problems a refused import of item mappings answers with: every bad line, by number and column. */
final class MappingImports {

  private MappingImports() {
  }

  /** {@code 422 invalid-request}: lines that are not valid mappings, or a file that is not valid CSV. */
  static ProblemException invalid(List<MappingCsv.LineError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(error(e.line(), e.field(), e.detail())));
    long lines = errors.stream().mapToInt(MappingCsv.LineError::line).distinct().count();
    return new ProblemException(ProblemType.INVALID_REQUEST, errors.size() + (errors.size() == 1 ? " error" : " errors")
      + " on " + lines + (lines == 1 ? " line" : " lines") + ", so nothing was imported; " + describe(errors.get(0)),
      new JsonObject().put("errors", list), null);
  }

  /** {@code 409 mapping-conflict}: rows whose code is already mapped to another SKU. */
  static ProblemException conflicting(List<MappingCsv.Row> rows, List<MasterDataRepository.Conflict> conflicts) {
    JsonArray list = new JsonArray();
    String first = null;
    for (MasterDataRepository.Conflict conflict : conflicts) {
      MappingCsv.Row row = rows.get(conflict.index());
      ItemMapping mapping = row.request().toMapping(null);
      String detail = mapping.describeCode() + " is already mapped to SKU '" + conflict.existingSku() + "', not '"
        + mapping.sku() + "'";
      list.add(error(row.line(), row.request().codeField(), detail).put("existingSku", conflict.existingSku()));
      if (first == null) {
        first = "line " + row.line() + ": " + detail;
      }
    }
    return new ProblemException(ProblemType.MAPPING_CONFLICT, conflicts.size()
      + (conflicts.size() == 1 ? " line maps a code" : " lines map codes")
      + " already mapped to another SKU, so nothing was imported; " + first, new JsonObject().put("errors", list), null);
  }

  private static JsonObject error(int line, String field, String detail) {
    JsonObject error = new JsonObject().put("line", line);
    if (field != null) {
      error.put("field", field);
    }
    return error.put("detail", detail);
  }

  private static String describe(MappingCsv.LineError error) {
    return "line " + error.line() + ": " + (error.field() == null ? "" : error.field() + " ") + error.detail();
  }
}
