package io.stocksync.gateway;

import io.stocksync.gateway.auth.AuthenticationHandler;
import io.stocksync.gateway.masterdata.Item;
import io.stocksync.gateway.masterdata.ItemChange;
import io.stocksync.gateway.masterdata.ItemPlanner;
import io.stocksync.gateway.masterdata.ItemRepository;
import io.stocksync.gateway.masterdata.MappingRequest;
import io.stocksync.gateway.masterdata.MasterDataCsv;
import io.stocksync.gateway.masterdata.PackSize;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The admin API of the item master ({@code /v1/admin/items…}, scope {@code admin}): items with their
 * base unit, their pack sizes, and CSV imports of both, all or nothing.
 */
final class AdminItemsHandler {

  static final String PATH = "/v1/admin/items";
  private static final Set<String> ITEM_MEMBERS = Set.of("baseUnit", "description");
  private static final Set<String> PACK_MEMBERS = Set.of("unit", "quantity", "of");

  private final ItemRepository items;

  AdminItemsHandler(ItemRepository items) {
    this.items = items;
  }

  void list(RoutingContext ctx) {
    PageQuery page = PageQuery.of(ctx);
    String after = page.after() == null ? null : page.afterString(0);
    items.items(after, page.limit())
      .onSuccess(found -> {
        Item last = found.items().isEmpty() ? null : found.items().get(found.items().size() - 1);
        ctx.json(new JsonObject()
          .put("items", new JsonArray(found.items().stream().map(AdminItemsHandler::toJson).toList()))
          .put("next", found.more() ? PageQuery.cursor(new JsonArray().add(last.sku())) : null));
      })
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  void show(RoutingContext ctx) {
    String sku = ctx.pathParam("sku");
    items.item(sku)
      .compose(found -> found.isPresent() ? Future.succeededFuture(toJson(found.get()))
        : Future.<JsonObject>failedFuture(notFound(sku)))
      .onSuccess(ctx::json)
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  /** PUT: creates the item or updates its base unit (while it has no pack sizes and no stock) and description. */
  void put(RoutingContext ctx) {
    List<MappingRequest.FieldError> errors = new ArrayList<>();
    JsonObject body = AdminBodies.object(ctx, ITEM_MEMBERS, "{\"baseUnit\":\"EA\"}", errors);
    ItemChange change = new ItemChange.SetItem(0, ctx.pathParam("sku"), AdminBodies.string(body, "baseUnit", errors),
      AdminBodies.string(body, "description", errors));
    if (!errors.isEmpty()) {
      throw AdminBodies.invalid(errors);
    }
    write(ctx, change);
  }

  /** POST: adds a pack size, e.g. {@code {"unit":"PL","quantity":40,"of":"CS"}}. */
  void addPack(RoutingContext ctx) {
    List<MappingRequest.FieldError> errors = new ArrayList<>();
    JsonObject body = AdminBodies.object(ctx, PACK_MEMBERS, "{\"unit\":\"CS\",\"quantity\":12,\"of\":\"EA\"}", errors);
    String sku = ctx.pathParam("sku");
    ItemChange change = new ItemChange.AddPack(0, sku, AdminBodies.string(body, "unit", errors),
      AdminBodies.decimal(body, "quantity", errors), AdminBodies.string(body, "of", errors));
    if (!errors.isEmpty()) {
      throw AdminBodies.invalid(errors);
    }
    items.item(sku)
      .compose(found -> found.isPresent() ? Future.succeededFuture() : Future.failedFuture(notFound(sku)))
      .onSuccess(v -> write(ctx, change))
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  private void write(RoutingContext ctx, ItemChange change) {
    items.apply(List.of(change), AuthenticationHandler.client(ctx).id())
      .compose(result -> {
        if (result.refused()) {
          return Future.failedFuture(refused(result.plan().errors()));
        }
        ItemPlanner.Effect effect = result.plan().effects().get(0);
        return items.item(change.sku()).map(item -> {
          ctx.response()
            .setStatusCode(effect == ItemPlanner.Effect.CREATED ? 201 : 200)
            .putHeader("Content-Type", "application/json")
            .putHeader("Location", location(change.sku()))
            .end(toJson(item.orElseThrow()).toBuffer());
          return null;
        });
      })
      .onFailure(e -> ctx.fail(AdminMappingsHandler.unavailable(e)));
  }

  void importCsv(RoutingContext ctx) {
    String client = AuthenticationHandler.client(ctx).id();
    MappingImports.parse(ctx, "the items", "a header line such as sku,baseUnit,unit,quantity,of, then one item or "
        + "pack size per line", body -> MasterDataCsv.items(body, AdminMappingsHandler.MAX_IMPORT_ROWS),
        MasterDataCsv.Items::errors)
      .compose(parsed -> items.apply(parsed.changes(), client)
        .recover(e -> Future.failedFuture(AdminMappingsHandler.unavailable(e)))
        .map(result -> {
          if (result.refused()) {
            throw refused(result.plan().errors());
          }
          return summary(result, parsed.changes());
        }))
      .onSuccess(ctx::json)
      .onFailure(ctx::fail);
  }

  static JsonObject summary(ItemRepository.Result result, List<ItemChange> changes) {
    return new JsonObject()
      .put("items", new JsonObject()
        .put("created", result.count(ItemChange.SetItem.class, changes, ItemPlanner.Effect.CREATED))
        .put("updated", result.count(ItemChange.SetItem.class, changes, ItemPlanner.Effect.UPDATED))
        .put("unchanged", result.count(ItemChange.SetItem.class, changes, ItemPlanner.Effect.UNCHANGED)))
      .put("packSizes", new JsonObject()
        .put("created", result.count(ItemChange.AddPack.class, changes, ItemPlanner.Effect.CREATED))
        .put("unchanged", result.count(ItemChange.AddPack.class, changes, ItemPlanner.Effect.UNCHANGED)));
  }

  /**
   * {@code 409 conflict} when a change contradicts what is stored (a pack size redefined, the base unit
   * of an item with stock); {@code 422 invalid-request} otherwise. Errors of an import carry their line.
   */
  static ProblemException refused(List<ItemPlanner.Error> errors) {
    boolean conflict = errors.stream().anyMatch(ItemPlanner.Error::conflict);
    JsonArray list = new JsonArray();
    for (ItemPlanner.Error e : errors) {
      JsonObject error = e.line() > 0 ? new JsonObject().put("line", e.line()).put("field", e.field())
        : new JsonObject().put("pointer", "/" + e.field());
      list.add(error.put("detail", e.detail()));
    }
    ItemPlanner.Error first = errors.get(0);
    String where = first.line() > 0 ? "line " + first.line() + ": " + first.field() + " " : "/" + first.field() + " ";
    String prefix = first.line() > 0 ? errors.size() + (errors.size() == 1 ? " error" : " errors")
      + ", so nothing was imported; " : "";
    return new ProblemException(conflict ? ProblemType.CONFLICT : ProblemType.INVALID_REQUEST,
      prefix + where + first.detail() + (first.line() == 0 && errors.size() > 1 ? " (and " + (errors.size() - 1)
        + " more)" : ""), new JsonObject().put("errors", list), null);
  }

  static JsonObject toJson(Item item) {
    JsonArray packs = new JsonArray();
    for (PackSize pack : item.packSizes()) {
      packs.add(new JsonObject()
        .put("unit", pack.unit())
        .put("quantity", plain(pack.quantity()))
        .put("of", pack.of())
        .put("baseQuantity", plain(pack.factor()))
        .put("createdAt", pack.createdAt() == null ? null : pack.createdAt().toString())
        .put("createdBy", pack.createdBy()));
    }
    return new JsonObject()
      .put("sku", item.sku())
      .put("baseUnit", item.baseUnit())
      .put("description", item.description())
      .put("packSizes", packs)
      .put("createdAt", item.createdAt() == null ? null : item.createdAt().toString())
      .put("updatedAt", item.updatedAt() == null ? null : item.updatedAt().toString())
      .put("createdBy", item.createdBy());
  }

  private static String plain(BigDecimal value) {
    return value.toPlainString();
  }

  private static ProblemException notFound(String sku) {
    return new ProblemException(ProblemType.NOT_FOUND, "SKU '" + sku + "' is not in the item master; PUT " + PATH
      + "/{sku} with its base unit creates it");
  }

  static String location(String sku) {
    return PATH + "/" + URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
