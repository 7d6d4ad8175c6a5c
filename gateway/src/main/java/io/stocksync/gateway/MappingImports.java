package io.stocksync.gateway;

import io.stocksync.gateway.masterdata.ItemMapping;
import io.stocksync.gateway.masterdata.MappingCsv;
import io.stocksync.gateway.masterdata.MasterDataRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * The CSV imports of the master data (item mappings, location mappings, items): reading and parsing
 * the body, and the problems a refused import answers with, every bad line by number and column.
 */
final class MappingImports {

  private MappingImports() {
  }

  /**
   * The parsed CSV body of an import. Throws {@code 415 unsupported-media-type} (sending {@code what}
   * as {@code text/csv} in {@code format}) for another body; the future fails with {@code 413
   * payload-too-large} for more than {@link AdminMappingsHandler#MAX_IMPORT_ROWS} rows and with
   * {@code 422 invalid-request} listing every line {@code errors} finds.
   */
  static <P> Future<P> parse(RoutingContext ctx, String what, String format, Function<byte[], P> parser,
      Function<P, List<MappingCsv.LineError>> errors) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith(AdminMappingsHandler.CSV)) {
      throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send " + what + " as " + AdminMappingsHandler.CSV
        + ": " + format);
    }
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    // up to 10,000 rows: decoding and checking them is not for the event loop
    return ctx.vertx().executeBlocking(() -> parser.apply(body), false)
      .recover(e -> e instanceof MappingCsv.TooManyRows
        ? Future.failedFuture(new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage()))
        : Future.failedFuture(e))
      .map(parsed -> {
        List<MappingCsv.LineError> lineErrors = errors.apply(parsed);
        if (!lineErrors.isEmpty()) {
          throw invalid(lineErrors);
        }
        return parsed;
      });
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
