package io.stocksync.app;

import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.gateway.masterdata.Item;
import io.stocksync.gateway.masterdata.ItemChange;
import io.stocksync.gateway.masterdata.ItemMapping;
import io.stocksync.gateway.masterdata.ItemPlanner;
import io.stocksync.gateway.masterdata.ItemRepository;
import io.stocksync.gateway.masterdata.LocationRepository;
import io.stocksync.gateway.masterdata.MappingCsv;
import io.stocksync.gateway.masterdata.MappingRequest;
import io.stocksync.gateway.masterdata.MasterDataCsv;
import io.stocksync.gateway.masterdata.MasterDataRepository;
import io.stocksync.gateway.masterdata.PackSize;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stocksync mappings …}: item mappings, location mappings, the location master, items and
 * pack sizes, directly in the database (the same rules as {@code /v1/admin/…}). Prints JSON lines;
 * exits 1 when a change is refused, with every reason on standard error.
 */
@Command(name = "mappings", mixinStandardHelpOptions = true, versionProvider = StocksyncMain.Version.class,
  description = "Manage master data: item and location mappings, locations, items and pack sizes (as /v1/admin/...).",
  subcommands = {
    MappingsCommand.ListItemMappings.class,
    MappingsCommand.AddItemMapping.class,
    MappingsCommand.ImportItemMappings.class,
    MappingsCommand.ListLocationMappings.class,
    MappingsCommand.AddLocationMapping.class,
    MappingsCommand.ImportLocationMappings.class,
    MappingsCommand.ListLocations.class,
    MappingsCommand.AddLocation.class,
    MappingsCommand.ListItems.class,
    MappingsCommand.SetItem.class,
    MappingsCommand.AddPack.class,
    MappingsCommand.ImportItems.class
  })
final class MappingsCommand {

  static final int PAGE = 1000;

  /** Shared: where the database is, and running an action against it. */
  abstract static class Action extends DatabaseAction<MasterDataAdmin> {
    @Override
    MasterDataAdmin open(DatabaseConfig db) {
      return new MasterDataAdmin(db);
    }

    @Override
    int refused(RuntimeException e) {
      if (e instanceof Refused refused) {
        refused.errors.forEach(line -> System.err.println("stocksync mappings: " + line));
        return 1;
      }
      throw e;
    }
  }

  /** A change the master data refused, with every reason. */
  static final class Refused extends RuntimeException {
    final List<String> errors;

    Refused(List<String> errors) {
      super(String.join("; ", errors), null, false, false);
      this.errors = errors;
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new Refused(List.of("cannot read " + file + ": " + e.getMessage()));
    }
  }

  static Refused lineErrors(List<MappingCsv.LineError> errors) {
    return new Refused(errors.stream().map(e -> "line " + e.line() + ": " + (e.field() == null ? "" : e.field() + " ")
      + e.detail()).toList());
  }

  static Refused fieldErrors(List<MappingRequest.FieldError> errors) {
    return new Refused(errors.stream().map(e -> e.field() + " " + e.detail()).toList());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List item mappings (GTINs and partner codes).")
  static final class ListItemMappings extends Action {
    @Option(names = "--sku", description = "Only those of this SKU.")
    String sku;

    @Option(names = "--source", description = "Only partner codes of this source.")
    String source;

    @Override
    int run(MasterDataAdmin admin) {
      MasterDataRepository.MappingKey after = null;
      while (true) {
        var page = admin.await(admin.mappings.mappings(new MasterDataRepository.MappingFilter(sku, source, null, null),
          after, PAGE));
        page.items().forEach(m -> System.out.println(json(m).encode()));
        if (!page.more()) {
          return 0;
        }
        ItemMapping last = page.items().get(page.items().size() - 1);
        after = new MasterDataRepository.MappingKey(last.kind(), last.source(), last.code());
      }
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
    description = "Map a GTIN (--gtin) or a partner's item code (--source and --partner-code) to a SKU.")
  static final class AddItemMapping extends Action {
    @Option(names = "--sku", required = true)
    String sku;

    @Option(names = "--gtin")
    String gtin;

    @Option(names = "--source")
    String source;

    @Option(names = "--partner-code")
    String partnerCode;

    @Override
    int run(MasterDataAdmin admin) {
      MappingRequest request = new MappingRequest(sku, gtin, source, partnerCode);
      if (!request.violations().isEmpty()) {
        throw fieldErrors(request.violations());
      }
      MasterDataRepository.Saved saved = admin.await(admin.mappings.create(request.toMapping("cli")));
      if (saved.outcome() == MasterDataRepository.Outcome.CONFLICT) {
        throw new Refused(List.of(saved.mapping().describeCode() + " is already mapped to SKU '" + saved.mapping().sku()
          + "'"));
      }
      System.out.println(json(saved.mapping()).put("outcome", saved.outcome().name().toLowerCase()).encode());
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import item mappings from CSV (sku,gtin,source,partnerCode), all or nothing.")
  static final class ImportItemMappings extends Action {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    int run(MasterDataAdmin admin) {
      MappingCsv.Parsed parsed = new MappingCsv(Integer.MAX_VALUE).parse(read(file));
      if (!parsed.errors().isEmpty()) {
        throw lineErrors(parsed.errors());
      }
      var imported = admin.await(admin.mappings.importAll(
        parsed.rows().stream().map(r -> r.request().toMapping("cli")).toList(), "cli"));
      if (!imported.conflicts().isEmpty()) {
        throw new Refused(imported.conflicts().stream().map(c -> "line " + parsed.rows().get(c.index()).line()
          + ": " + parsed.rows().get(c.index()).request().toMapping(null).describeCode()
          + " is already mapped to SKU '" + c.existingSku() + "'").toList());
      }
      System.out.println(new JsonObject().put("imported", imported.imported()).put("unchanged", imported.unchanged()));
      return 0;
    }
  }

  @Command(name = "list-locations", mixinStandardHelpOptions = true, description = "List partners' location codes.")
  static final class ListLocationMappings extends Action {
    @Option(names = "--source")
    String source;

    @Override
    int run(MasterDataAdmin admin) {
      String afterSource = null;
      String afterCode = null;
      while (true) {
        var page = admin.await(admin.locations.mappings(source, null, afterSource, afterCode, PAGE));
        page.items().forEach(m -> System.out.println(json(m).encode()));
        if (!page.more()) {
          return 0;
        }
        afterSource = page.items().get(page.items().size() - 1).source();
        afterCode = page.items().get(page.items().size() - 1).code();
      }
    }
  }

  @Command(name = "add-location", mixinStandardHelpOptions = true,
    description = "Map a partner's location code (--source, --partner-code) to a location (--location).")
  static final class AddLocationMapping extends Action {
    @Option(names = "--source", required = true)
    String source;

    @Option(names = "--partner-code", required = true)
    String partnerCode;

    @Option(names = "--location", required = true)
    String location;

    @Override
    int run(MasterDataAdmin admin) {
      var violations = MasterDataCsv.locationMappingViolations(source, partnerCode, location);
      if (!violations.isEmpty()) {
        throw fieldErrors(violations);
      }
      var mapping = new LocationRepository.LocationMapping(source, partnerCode, location, null, null);
      var imported = admin.await(admin.locations.importAll(List.of(mapping), "cli"));
      if (!imported.conflicts().isEmpty()) {
        throw new Refused(List.of(describe(imported.conflicts().get(0), mapping)));
      }
      System.out.println(json(admin.await(admin.locations.mapping(source, partnerCode)).orElse(mapping))
        .put("outcome", imported.imported() == 1 ? "created" : "unchanged").encode());
      return 0;
    }
  }

  @Command(name = "import-locations", mixinStandardHelpOptions = true,
    description = "Import partners' location codes from CSV (source,partnerCode,location), all or nothing.")
  static final class ImportLocationMappings extends Action {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    int run(MasterDataAdmin admin) {
      var parsed = MasterDataCsv.locationMappings(read(file), Integer.MAX_VALUE);
      if (!parsed.errors().isEmpty()) {
        throw lineErrors(parsed.errors());
      }
      var imported = admin.await(admin.locations.importAll(parsed.mappings(), "cli"));
      if (!imported.conflicts().isEmpty()) {
        throw new Refused(imported.conflicts().stream().map(c -> "line " + parsed.rows().get(c.index()).line() + ": "
          + describe(c, parsed.mappings().get(c.index()))).toList());
      }
      System.out.println(new JsonObject().put("imported", imported.imported()).put("unchanged", imported.unchanged()));
      return 0;
    }
  }

  @Command(name = "locations", mixinStandardHelpOptions = true, description = "List the location master.")
  static final class ListLocations extends Action {
    @Override
    int run(MasterDataAdmin admin) {
      String after = null;
      while (true) {
        var page = admin.await(admin.locations.locations(after, PAGE));
        page.items().forEach(l -> System.out.println(new JsonObject().put("code", l.code()).put("name", l.name())
          .put("createdAt", l.createdAt().toString()).put("createdBy", l.createdBy()).encode()));
        if (!page.more()) {
          return 0;
        }
        after = page.items().get(page.items().size() - 1).code();
      }
    }
  }

  @Command(name = "define-location", mixinStandardHelpOptions = true,
    description = "Add a location to the location master (from the first one on, events must name known locations).")
  static final class AddLocation extends Action {
    @Parameters(index = "0", paramLabel = "CODE")
    String code;

    @Option(names = "--name")
    String name;

    @Override
    int run(MasterDataAdmin admin) {
      var violations = MasterDataCsv.locationViolations(code, name);
      if (!violations.isEmpty()) {
        throw fieldErrors(violations);
      }
      var saved = admin.await(admin.locations.save(code, name, "cli"));
      System.out.println(new JsonObject().put("code", saved.location().code()).put("name", saved.location().name())
        .put("outcome", saved.created() ? "created" : "updated").encode());
      return 0;
    }
  }

  @Command(name = "items", mixinStandardHelpOptions = true, description = "List items with their base unit and pack sizes.")
  static final class ListItems extends Action {
    @Override
    int run(MasterDataAdmin admin) {
      String after = null;
      while (true) {
        var page = admin.await(admin.items.items(after, PAGE));
        page.items().forEach(i -> System.out.println(json(i).encode()));
        if (!page.more()) {
          return 0;
        }
        after = page.items().get(page.items().size() - 1).sku();
      }
    }
  }

  @Command(name = "set-item", mixinStandardHelpOptions = true,
    description = "Create an item with its base unit, or update it (the base unit only while it has no pack sizes or stock).")
  static final class SetItem extends Action {
    @Parameters(index = "0", paramLabel = "SKU")
    String sku;

    @Option(names = "--base-unit", required = true, description = "UN/ECE Rec 20 code balances are kept in, e.g. EA.")
    String baseUnit;

    @Option(names = "--description")
    String description;

    @Override
    int run(MasterDataAdmin admin) {
      return change(admin, new ItemChange.SetItem(0, sku, baseUnit, description));
    }
  }

  @Command(name = "add-pack", mixinStandardHelpOptions = true,
    description = "Add a pack size: one --unit holds --quantity of --of (CS 12 EA, PL 40 CS).")
  static final class AddPack extends Action {
    @Parameters(index = "0", paramLabel = "SKU")
    String sku;

    @Option(names = "--unit", required = true)
    String unit;

    @Option(names = "--quantity", required = true)
    BigDecimal quantity;

    @Option(names = "--of", required = true)
    String of;

    @Override
    int run(MasterDataAdmin admin) {
      return change(admin, new ItemChange.AddPack(0, sku, unit, quantity, of));
    }
  }

  @Command(name = "import-items", mixinStandardHelpOptions = true,
    description = "Import items and pack sizes from CSV (sku,baseUnit,description,unit,quantity,of), all or nothing.")
  static final class ImportItems extends Action {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    int run(MasterDataAdmin admin) {
      var parsed = MasterDataCsv.items(read(file), Integer.MAX_VALUE);
      if (!parsed.errors().isEmpty()) {
        throw lineErrors(parsed.errors());
      }
      ItemRepository.Result result = admin.await(admin.items.apply(parsed.changes(), "cli"));
      if (result.refused()) {
        throw planErrors(result.plan().errors());
      }
      System.out.println(new JsonObject()
        .put("items", new JsonObject()
          .put("created", result.count(ItemChange.SetItem.class, parsed.changes(), ItemPlanner.Effect.CREATED))
          .put("updated", result.count(ItemChange.SetItem.class, parsed.changes(), ItemPlanner.Effect.UPDATED))
          .put("unchanged", result.count(ItemChange.SetItem.class, parsed.changes(), ItemPlanner.Effect.UNCHANGED)))
        .put("packSizes", new JsonObject()
          .put("created", result.count(ItemChange.AddPack.class, parsed.changes(), ItemPlanner.Effect.CREATED))
          .put("unchanged", result.count(ItemChange.AddPack.class, parsed.changes(), ItemPlanner.Effect.UNCHANGED)))
        .encode());
      return 0;
    }
  }

  static int change(MasterDataAdmin admin, ItemChange change) {
    ItemRepository.Result result = admin.await(admin.items.apply(List.of(change), "cli"));
    if (result.refused()) {
      throw planErrors(result.plan().errors());
    }
    Item item = admin.await(admin.items.item(change.sku())).orElseThrow();
    System.out.println(json(item).put("outcome", result.plan().effects().get(0).name().toLowerCase()).encode());
    return 0;
  }

  static Refused planErrors(List<ItemPlanner.Error> errors) {
    return new Refused(errors.stream().map(e -> (e.line() > 0 ? "line " + e.line() + ": " : "") + e.field() + " "
      + e.detail()).toList());
  }

  static String describe(LocationRepository.Conflict c, LocationRepository.LocationMapping mapping) {
    return c.existingLocation() != null && !c.existingLocation().equals(mapping.location())
      ? "code '" + mapping.code() + "' of source '" + mapping.source() + "' is already mapped to location '"
        + c.existingLocation() + "'"
      : "location '" + mapping.location() + "' is not in the location master";
  }

  static JsonObject json(ItemMapping m) {
    JsonObject json = new JsonObject().put("kind", m.kind().wireName()).put("sku", m.sku());
    if (m.kind() == ItemMapping.Kind.GTIN) {
      json.put("gtin", m.code());
    } else {
      json.put("source", m.source()).put("partnerCode", m.code());
    }
    return json;
  }

  static JsonObject json(LocationRepository.LocationMapping m) {
    return new JsonObject().put("source", m.source()).put("partnerCode", m.code()).put("location", m.location());
  }

  static JsonObject json(Item item) {
    JsonArray packs = new JsonArray();
    for (PackSize p : item.packSizes()) {
      packs.add(new JsonObject().put("unit", p.unit()).put("quantity", p.quantity().toPlainString()).put("of", p.of())
        .put("baseQuantity", p.factor().toPlainString()));
    }
    return new JsonObject().put("sku", item.sku()).put("baseUnit", item.baseUnit()).put("description", item.description())
      .put("packSizes", packs);
  }
}
