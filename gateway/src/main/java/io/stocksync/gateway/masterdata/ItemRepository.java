package io.stocksync.gateway.masterdata;

import io.stocksync.contracts.units.UnitCatalog;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The item master in PostgreSQL (tables {@code item} and {@code item_unit}): what the admin API
 * and the command line read and write. Every write is checked by {@link ItemPlanner} against the
 * stored items inside one transaction that holds the item master's lock, and is all or nothing.
 * The workers convert quantities with these tables and re-drive the events that waited for them.
 */
public final class ItemRepository {

  /** The plan as written, or as refused (its errors). */
  public record Result(ItemPlanner.Plan plan) {
    public boolean refused() {
      return !plan.errors().isEmpty();
    }

    public long count(Class<? extends ItemChange> kind, List<ItemChange> changes, ItemPlanner.Effect effect) {
      long n = 0;
      for (int i = 0; i < changes.size(); i++) {
        if (kind.isInstance(changes.get(i)) && plan.effects().get(i) == effect) {
          n++;
        }
      }
      return n;
    }
  }

  /** Rolls a refused plan back; never leaves this class. */
  private static final class Refused extends RuntimeException {
    final ItemPlanner.Plan plan;

    Refused(ItemPlanner.Plan plan) {
      super("the item master refused the changes", null, false, false);
      this.plan = plan;
    }
  }

  private final Pool pool;
  private final ItemPlanner planner;

  public ItemRepository(Pool pool, UnitCatalog units) {
    this.pool = pool;
    this.planner = new ItemPlanner(units);
  }

  /** Checks and writes the changes in one transaction: all of them, or none when any breaks a rule. */
  public Future<Result> apply(List<ItemChange> changes, String by) {
    Set<String> skus = new LinkedHashSet<>();
    changes.forEach(c -> {
      if (c.sku() != null) {
        skus.add(c.sku());
      }
    });
    String[] keys = skus.toArray(String[]::new);
    return pool.withTransaction(conn -> conn.query(ItemSql.LOCK).execute()
        .compose(locked -> stored(conn, keys))
        .compose(stored -> {
          ItemPlanner.Plan plan = planner.plan(stored, changes);
          if (!plan.errors().isEmpty()) {
            return Future.failedFuture(new Refused(plan));
          }
          return write(conn, plan, by).map(done -> new Result(plan));
        }))
      .recover(e -> e instanceof Refused refused ? Future.succeededFuture(new Result(refused.plan))
        : Future.failedFuture(e));
  }

  private static Future<Map<String, ItemPlanner.Stored>> stored(SqlConnection conn, String[] skus) {
    return conn.preparedQuery(ItemSql.STORED).execute(Tuple.tuple().addArrayOfString(skus))
      .compose(items -> conn.preparedQuery(ItemSql.PACKS).execute(Tuple.tuple().addArrayOfString(skus)).map(packs -> {
        Map<String, Map<String, PackSize>> bySku = new HashMap<>();
        for (Row row : packs) {
          bySku.computeIfAbsent(row.getString("sku"), k -> new HashMap<>()).put(row.getString("unit"), toPack(row));
        }
        Map<String, ItemPlanner.Stored> stored = new HashMap<>();
        for (Row row : items) {
          String sku = row.getString("sku");
          stored.put(sku, new ItemPlanner.Stored(sku, row.getString("base_unit"), row.getString("description"),
            row.getBoolean("stocked"), bySku.getOrDefault(sku, Map.of())));
        }
        return stored;
      }));
  }

  private static Future<Void> write(SqlConnection conn, ItemPlanner.Plan plan, String by) {
    Future<?> items = plan.items().isEmpty() ? Future.succeededFuture() : conn.preparedQuery(ItemSql.UPSERT_ITEMS)
      .execute(Tuple.tuple()
        .addArrayOfString(plan.items().stream().map(ItemChange.SetItem::sku).toArray(String[]::new))
        .addArrayOfString(plan.items().stream().map(ItemChange.SetItem::baseUnit).toArray(String[]::new))
        .addArrayOfString(plan.items().stream().map(ItemChange.SetItem::description).toArray(String[]::new))
        .addString(by));
    return items.compose(done -> plan.packs().isEmpty() ? Future.succeededFuture() : conn.preparedQuery(ItemSql.INSERT_PACKS)
      .execute(Tuple.tuple()
        .addArrayOfString(plan.packs().stream().map(PackSize.Write::sku).toArray(String[]::new))
        .addArrayOfString(plan.packs().stream().map(w -> w.pack().unit()).toArray(String[]::new))
        .addArrayOfString(plan.packs().stream().map(w -> w.pack().quantity().toPlainString()).toArray(String[]::new))
        .addArrayOfString(plan.packs().stream().map(w -> w.pack().of()).toArray(String[]::new))
        .addArrayOfString(plan.packs().stream().map(w -> w.pack().factor().toPlainString()).toArray(String[]::new))
        .addString(by)))
      .mapEmpty();
  }

  public Future<Optional<Item>> item(String sku) {
    String[] keys = {sku};
    return pool.preparedQuery(ItemSql.STORED).execute(Tuple.tuple().addArrayOfString(keys)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Optional.<Item>empty());
      }
      Row row = rows.iterator().next();
      return packs(keys).map(packs -> Optional.of(toItem(row, packs.getOrDefault(sku, List.of()))));
    });
  }

  /** One page of items in SKU order, with their pack sizes. */
  public Future<MasterDataRepository.Page<Item>> items(String after, int limit) {
    return pool.preparedQuery(ItemSql.ITEMS).execute(Tuple.of(after, limit + 1)).compose(rows -> {
      List<Row> list = new ArrayList<>();
      rows.forEach(list::add);
      boolean more = list.size() > limit;
      List<Row> page = more ? list.subList(0, limit) : list;
      return packs(page.stream().map(r -> r.getString("sku")).toArray(String[]::new)).map(packs ->
        new MasterDataRepository.Page<>(page.stream()
          .map(r -> toItem(r, packs.getOrDefault(r.getString("sku"), List.of()))).toList(), more));
    });
  }

  private Future<Map<String, List<PackSize>>> packs(String[] skus) {
    return pool.preparedQuery(ItemSql.PACKS).execute(Tuple.tuple().addArrayOfString(skus)).map(rows -> {
      Map<String, List<PackSize>> bySku = new HashMap<>();
      rows.forEach(row -> bySku.computeIfAbsent(row.getString("sku"), k -> new ArrayList<>()).add(toPack(row)));
      return bySku;
    });
  }

  private static Item toItem(Row row, List<PackSize> packs) {
    return new Item(row.getString("sku"), row.getString("base_unit"), row.getString("description"),
      instant(row, "created_at"), instant(row, "updated_at"), row.getString("created_by"), packs);
  }

  private static PackSize toPack(Row row) {
    return new PackSize(row.getString("unit"), plain(row.getBigDecimal("per_quantity")), row.getString("per_unit"),
      plain(row.getBigDecimal("factor")), instant(row, "created_at"), row.getString("created_by"));
  }

  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
