package io.stocksync.gateway;

import io.stocksync.gateway.auth.AuthenticationHandler;
import io.stocksync.gateway.masterdata.LocationRepository;
import io.stocksync.gateway.masterdata.LocationRepository.LocationMapping;
import io.stocksync.gateway.masterdata.MappingRequest;
import io.stocksync.gateway.masterdata.MasterDataCsv;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The admin API of locations ({@code /v1/admin/locations…} and {@code /v1/admin/location-mappings…},
 * scope {@code admin}): the location master, and partners' own location codes, one at a time or
 * imported from CSV, all or nothing.
 */
final class AdminLocationsHandler {

  static final String LOCATIONS = "/v1/admin/locations";
  static final String MAPPINGS = "/v1/admin/location-mappings";
  private static final Set<String> LOCATION_MEMBERS = Set.of("name");
  private static final Set<String> MAPPING_MEMBERS = Set.of("source", "partnerCode", "location");

  private final LocationRepository locations;

  AdminLocationsHandler(LocationRepository locations) {
    this.locations = locations;
  }

  void listLocations(RoutingContext ctx) {
    PageQuery page = PageQuery.of(ctx);
    locations.locations(page.after() == null ? null : page.afterString(0), page.limit())
      .onSuccess(found -> {
        var items = found.items();
        ctx.json(new JsonObject()
          .put("locations", new JsonArray(items.stream().map(AdminLocationsHandler::toJson).toList()))
          .put("next", found.more() ? PageQuery.cursor(new JsonArray().add(items.get(items.size() - 1).code())) : null));
      })
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  /** PUT: adds a location to the master (or renames it). From the first one on, events must name known locations. */
  void putLocation(RoutingContext ctx) {
    List<MappingRequest.FieldError> errors = new ArrayList<>();
    JsonObject body = ctx.body().length() <= 0 ? new JsonObject()
      : AdminBodies.object(ctx, LOCATION_MEMBERS, "{\"name\":\"East distribution centre\"}", errors);
    String code = ctx.pathParam("code");
    String name = AdminBodies.string(body, "name", errors);
    errors.addAll(MasterDataCsv.locationViolations(code, name));
    if (!errors.isEmpty()) {
      throw AdminBodies.invalid(errors);
    }
    locations.save(code, name, AuthenticationHandler.client(ctx).id())
      .onSuccess(saved -> ctx.response()
        .setStatusCode(saved.created() ? 201 : 200)
        .putHeader("Content-Type", "application/json")
        .end(toJson(saved.location()).toBuffer()))
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  void listMappings(RoutingContext ctx) {
    PageQuery page = PageQuery.of(ctx);
    String afterSource = page.after() == null ? null : page.afterString(0);
    String afterCode = page.after() == null ? null : page.afterString(1);
    locations.mappings(param(ctx, "source"), param(ctx, "location"), afterSource, afterCode, page.limit())
      .onSuccess(found -> {
        var items = found.items();
        LocationMapping last = items.isEmpty() ? null : items.get(items.size() - 1);
        ctx.json(new JsonObject()
          .put("mappings", new JsonArray(items.stream().map(AdminLocationsHandler::toJson).toList()))
          .put("next", found.more() ? PageQuery.cursor(new JsonArray().add(last.source()).add(last.code())) : null));
      })
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  void createMapping(RoutingContext ctx) {
    List<MappingRequest.FieldError> errors = new ArrayList<>();
    JsonObject body = AdminBodies.object(ctx, MAPPING_MEMBERS,
      "{\"source\":\"tpl-northwind\",\"partnerCode\":\"NW-DC1\",\"location\":\"DC-EAST\"}", errors);
    String source = AdminBodies.string(body, "source", errors);
    String code = AdminBodies.string(body, "partnerCode", errors);
    String location = AdminBodies.string(body, "location", errors);
    if (errors.isEmpty()) {
      errors.addAll(MasterDataCsv.locationMappingViolations(source, code, location));
    }
    if (!errors.isEmpty()) {
      throw AdminBodies.invalid(errors);
    }
    LocationMapping mapping = new LocationMapping(source, code, location, null, null);
    locations.importAll(List.of(mapping), AuthenticationHandler.client(ctx).id())
      .compose(imported -> {
        if (!imported.conflicts().isEmpty()) {
          return Future.failedFuture(conflict(imported.conflicts().get(0), mapping));
        }
        return locations.mapping(source, code).map(found -> {
          LocationMapping stored = found.orElse(mapping);
          ctx.response()
            .setStatusCode(imported.imported() == 1 ? 201 : 200)
            .putHeader("Content-Type", "application/json")
            .end(toJson(stored).toBuffer());
          return null;
        });
      })
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  void importMappings(RoutingContext ctx) {
    String client = AuthenticationHandler.client(ctx).id();
    MappingImports.parse(ctx, "the location mappings", "a header line source,partnerCode,location, then one mapping "
        + "per line", body -> MasterDataCsv.locationMappings(body, AdminMappingsHandler.MAX_IMPORT_ROWS),
        MasterDataCsv.LocationMappings::errors)
      .compose(parsed -> locations.importAll(parsed.mappings(), client)
        .recover(e -> Future.failedFuture(AdminMappingsHandler.unavailable(e)))
        .map(imported -> {
          if (!imported.conflicts().isEmpty()) {
            throw conflicts(parsed, imported.conflicts());
          }
          return new JsonObject().put("imported", imported.imported()).put("unchanged", imported.unchanged());
        }))
      .onSuccess(ctx::json)
      .onFailure(ctx::fail);
  }

  /** {@code 409 mapping-conflict} for a code mapped to another location; {@code 422} for an unknown location. */
  private static ProblemException conflict(LocationRepository.Conflict c, LocationMapping mapping) {
    String detail = c.existingLocation() != null && !c.existingLocation().equals(mapping.location())
      ? "code '" + mapping.code() + "' of source '" + mapping.source() + "' is already mapped to location '"
        + c.existingLocation() + "'; a code maps to one location"
      : "location '" + mapping.location() + "' is not in the location master; add it first (PUT " + LOCATIONS
        + "/{code})";
    boolean unknown = c.existingLocation() == null || c.existingLocation().equals(mapping.location());
    JsonObject extensions = new JsonObject();
    if (!unknown) {
      extensions.put("existingLocation", c.existingLocation());
    }
    return new ProblemException(unknown ? ProblemType.INVALID_REQUEST : ProblemType.MAPPING_CONFLICT, detail,
      extensions, null);
  }

  private static ProblemException conflicts(MasterDataCsv.LocationMappings parsed,
      List<LocationRepository.Conflict> conflicts) {
    JsonArray list = new JsonArray();
    boolean mappedElsewhere = false;
    String first = null;
    for (LocationRepository.Conflict c : conflicts) {
      LocationMapping mapping = parsed.mappings().get(c.index());
      int line = parsed.rows().get(c.index()).line();
      boolean other = c.existingLocation() != null && !c.existingLocation().equals(mapping.location());
      mappedElsewhere |= other;
      String detail = other ? "code '" + mapping.code() + "' of source '" + mapping.source()
        + "' is already mapped to location '" + c.existingLocation() + "', not '" + mapping.location() + "'"
        : "location '" + mapping.location() + "' is not in the location master";
      JsonObject error = new JsonObject().put("line", line).put("field", other ? "partnerCode" : "location")
        .put("detail", detail);
      if (other) {
        error.put("existingLocation", c.existingLocation());
      }
      list.add(error);
      if (first == null) {
        first = "line " + line + ": " + detail;
      }
    }
    return new ProblemException(mappedElsewhere ? ProblemType.MAPPING_CONFLICT : ProblemType.INVALID_REQUEST,
      conflicts.size() + (conflicts.size() == 1 ? " line" : " lines") + " cannot be imported, so nothing was; " + first,
      new JsonObject().put("errors", list), null);
  }

  static JsonObject toJson(LocationRepository.Location location) {
    return new JsonObject()
      .put("code", location.code())
      .put("name", location.name())
      .put("createdAt", location.createdAt() == null ? null : location.createdAt().toString())
      .put("createdBy", location.createdBy());
  }

  static JsonObject toJson(LocationMapping mapping) {
    return new JsonObject()
      .put("source", mapping.source())
      .put("partnerCode", mapping.code())
      .put("location", mapping.location())
      .put("createdAt", mapping.createdAt() == null ? null : mapping.createdAt().toString())
      .put("createdBy", mapping.createdBy());
  }

  private static String param(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isEmpty() ? null : value;
  }
}
