package io.stocksync.gateway;

import io.stocksync.gateway.auth.AuthenticationHandler;
import io.stocksync.gateway.masterdata.ItemMapping;
import io.stocksync.gateway.masterdata.MappingCsv;
import io.stocksync.gateway.masterdata.MappingRequest;
import io.stocksync.gateway.masterdata.MasterDataRepository;
import io.stocksync.gateway.masterdata.MasterDataRepository.MappingFilter;
import io.stocksync.gateway.masterdata.MasterDataRepository.MappingKey;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The admin API of item mappings ({@code /v1/admin/item-mappings…}, scope {@code admin}): list them,
 * create one, or import many from CSV, all or nothing.
 */
final class AdminMappingsHandler {

  static final String PATH = "/v1/admin/item-mappings";
  static final String CSV = "text/csv";
  /** Rows of one import; 10,000 rows of CSV are well within batch.max-body-bytes. */
  static final int MAX_IMPORT_ROWS = 10_000;
  private static final Set<String> MEMBERS = Set.of("sku", "gtin", "source", "partnerCode");

  private final MasterDataRepository masterData;
  private final MappingCsv csv = new MappingCsv(MAX_IMPORT_ROWS);

  AdminMappingsHandler(MasterDataRepository masterData) {
    this.masterData = masterData;
  }

  void list(RoutingContext ctx) {
    PageQuery page = PageQuery.of(ctx);
    String kind = ctx.queryParams().get("kind");
    ItemMapping.Kind parsedKind = kind == null ? null : ItemMapping.Kind.parse(kind);
    if (kind != null && parsedKind == null) {
      throw new ProblemException(ProblemType.INVALID_QUERY, "kind must be 'gtin' or 'partner', was '" + kind + "'");
    }
    MappingKey after = null;
    if (page.after() != null) {
      after = new MappingKey(ItemMapping.Kind.parse(page.afterString(0)), page.afterString(1), page.afterString(2));
      if (after.kind() == null) {
        throw PageQuery.badCursor(ctx.queryParams().get("after"));
      }
    }
    MappingFilter filter = new MappingFilter(param(ctx, "sku"), param(ctx, "source"), parsedKind, param(ctx, "code"));
    masterData.mappings(filter, after, page.limit())
      .onSuccess(found -> {
        ItemMapping last = found.items().isEmpty() ? null : found.items().get(found.items().size() - 1);
        ctx.json(new JsonObject()
          .put("mappings", new JsonArray(found.items().stream().map(AdminMappingsHandler::toJson).toList()))
          .put("next", found.more()
            ? PageQuery.cursor(new JsonArray().add(last.kind().wireName()).add(last.source()).add(last.code()))
            : null));
      })
      .onFailure(e -> ctx.fail(unavailable(e)));
  }

  void create(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new ProblemException(ProblemType.MALFORMED_JSON, "the body is not a JSON object: " + parserMessage(e));
    }
    if (body == null) {
      throw new ProblemException(ProblemType.MALFORMED_JSON, "the body is empty; send a JSON object, e.g. "
        + "{\"sku\":\"SKU-1001\",\"gtin\":\"04006381333931\"}");
    }
    List<MappingRequest.FieldError> errors = new ArrayList<>();
    MappingRequest request = new MappingRequest(string(body, "sku", errors), string(body, "gtin", errors),
      string(body, "source", errors), string(body, "partnerCode", errors));
    body.fieldNames().stream().filter(name -> !MEMBERS.contains(name)).sorted().forEach(name -> errors.add(
      new MappingRequest.FieldError(name, "is not a known member; expected sku, and gtin or source and partnerCode")));
    if (errors.isEmpty()) {
      errors.addAll(request.violations());
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    ItemMapping mapping = request.toMapping(AuthenticationHandler.client(ctx).id());
    masterData.create(mapping)
      .onSuccess(saved -> {
        if (saved.outcome() == MasterDataRepository.Outcome.CONFLICT) {
          ctx.fail(new ProblemException(ProblemType.MAPPING_CONFLICT, saved.mapping().describeCode()
            + " is already mapped to SKU '" + saved.mapping().sku() + "'; a code maps to one SKU",
            new JsonObject().put("existingSku", saved.mapping().sku()), null));
          return;
        }
        ctx.response()
          .setStatusCode(saved.outcome() == MasterDataRepository.Outcome.CREATED ? 201 : 200)
          .putHeader("Content-Type", "application/json")
          .putHeader("Location", location(saved.mapping()))
          .end(toJson(saved.mapping()).toBuffer());
      })
      .onFailure(e -> ctx.fail(unavailable(e)));
  }

  void importCsv(RoutingContext ctx) {
    String client = AuthenticationHandler.client(ctx).id();
    MappingImports.parse(ctx, "the mappings", "a header line such as sku,gtin,source,partnerCode, then one mapping "
        + "per line", csv::parse, MappingCsv.Parsed::errors)
      .compose(parsed -> {
        List<ItemMapping> mappings = parsed.rows().stream().map(row -> row.request().toMapping(client)).toList();
        return masterData.importAll(mappings, client)
          .recover(e -> Future.failedFuture(unavailable(e)))
          .map(imported -> {
            if (!imported.conflicts().isEmpty()) {
              throw MappingImports.conflicting(parsed.rows(), imported.conflicts());
            }
            return new JsonObject().put("imported", imported.imported()).put("unchanged", imported.unchanged());
          });
      })
      .onSuccess(ctx::json)
      .onFailure(ctx::fail);
  }

  /**
   * A failure of the database as a problem: {@code 503 database-unavailable} when it did not answer,
   * unchanged when it answered with an error (a defect, answered {@code 500} and logged).
   */
  static Throwable unavailable(Throwable e) {
    if (e instanceof ProblemException || e instanceof PgException) {
      return e;
    }
    return new ProblemException(ProblemType.DATABASE_UNAVAILABLE, "the database did not answer: " + e.getMessage(),
      null, 5);
  }

  static JsonObject toJson(ItemMapping mapping) {
    JsonObject json = new JsonObject().put("kind", mapping.kind().wireName()).put("sku", mapping.sku());
    if (mapping.kind() == ItemMapping.Kind.GTIN) {
      json.put("gtin", mapping.code());
    } else {
      json.put("source", mapping.source()).put("partnerCode", mapping.code());
    }
    return json
      .put("createdAt", mapping.createdAt() == null ? null : mapping.createdAt().toString())
      .put("createdBy", mapping.createdBy());
  }

  /** The listing that shows exactly this mapping: mappings have no path of their own. */
  static String location(ItemMapping mapping) {
    return PATH + "?kind=" + mapping.kind().wireName()
      + (mapping.kind() == ItemMapping.Kind.PARTNER ? "&source=" + encode(mapping.source()) : "")
      + "&code=" + encode(mapping.code());
  }

  private static ProblemException invalid(List<MappingRequest.FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(new JsonObject().put("pointer", "/" + e.field()).put("detail", e.detail())));
    MappingRequest.FieldError first = errors.get(0);
    return new ProblemException(ProblemType.INVALID_REQUEST, "/" + first.field() + " " + first.detail()
      + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), new JsonObject().put("errors", list), null);
  }

  /** A member's string value, null when absent; any other type is an error. */
  private static String string(JsonObject body, String member, List<MappingRequest.FieldError> errors) {
    Object value = body.getValue(member);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    errors.add(new MappingRequest.FieldError(member, "must be a string"));
    return null;
  }

  /** The parser's own words, without vert.x's prefix and the source location Jackson appends. */
  private static String parserMessage(RuntimeException e) {
    String message = String.valueOf(e.getMessage()).replaceFirst("^Failed to decode: ?", "");
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  private static String param(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
