package io.stocksync.gateway.masterdata;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Item mappings and the quarantine they release, in PostgreSQL: what the admin API reads and
 * writes. The workers resolve items and re-drive quarantined events from the same tables.
 */
public final class MasterDataRepository {

  /** What storing one mapping did: stored it, found it stored already, or found its code mapped to another SKU. */
  public enum Outcome { CREATED, UNCHANGED, CONFLICT }

  /** The outcome with the mapping as stored: for a conflict, the existing one. */
  public record Saved(Outcome outcome, ItemMapping mapping) {
  }

  /** Which mappings to list; a null member does not filter. */
  public record MappingFilter(String sku, String source, ItemMapping.Kind kind, String code) {
  }

  /** The last key of a page of mappings, to continue after. */
  public record MappingKey(ItemMapping.Kind kind, String source, String code) {
  }

  /** The last position of a page of quarantined events, to continue after. */
  public record QuarantineKey(Instant firstSeen, UUID transactionId) {
  }

  /** One page and whether more follow. */
  public record Page<T>(List<T> items, boolean more) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /** An import row (by its position, 0-based) whose code is already mapped to another SKU. */
  public record Conflict(int index, String existingSku) {
  }

  /** What an import did; with conflicts, it stored nothing. */
  public record Imported(int imported, int unchanged, List<Conflict> conflicts) {
    public Imported {
      conflicts = List.copyOf(conflicts);
    }
  }

  /** Rolls an import back; never leaves this class. */
  private static final class Conflicts extends RuntimeException {
    final List<Conflict> conflicts;

    Conflicts(List<Conflict> conflicts) {
      super("the import conflicts with stored mappings", null, false, false);
      this.conflicts = conflicts;
    }
  }

  private final Pool pool;

  public MasterDataRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Saved> create(ItemMapping mapping) {
    return pool.preparedQuery(MasterDataSql.INSERT_MAPPING)
      .execute(Tuple.of(mapping.kind().wireName(), mapping.source(), mapping.code(), mapping.sku(), mapping.createdBy()))
      .compose(inserted -> inserted.size() == 1
        ? Future.succeededFuture(new Saved(Outcome.CREATED, toMapping(inserted.iterator().next())))
        : existing(mapping));
  }

  /** The stored mapping of the code that could not be inserted: mappings are never deleted, so it is there. */
  private Future<Saved> existing(ItemMapping mapping) {
    return pool.preparedQuery(MasterDataSql.SELECT_MAPPING)
      .execute(Tuple.of(mapping.kind().wireName(), mapping.source(), mapping.code()))
      .map(rows -> {
        ItemMapping stored = toMapping(rows.iterator().next());
        return new Saved(stored.sku().equals(mapping.sku()) ? Outcome.UNCHANGED : Outcome.CONFLICT, stored);
      });
  }

  public Future<Page<ItemMapping>> mappings(MappingFilter filter, MappingKey after, int limit) {
    Tuple params = Tuple.tuple()
      .addString(filter.sku())
      .addString(filter.source())
      .addString(filter.kind() == null ? null : filter.kind().wireName())
      .addString(filter.code())
      .addString(after == null ? null : after.kind().wireName())
      .addString(after == null ? null : after.source())
      .addString(after == null ? null : after.code())
      .addInteger(limit + 1);
    return pool.preparedQuery(MasterDataSql.SELECT_MAPPINGS).execute(params)
      .map(rows -> page(rows, limit, MasterDataRepository::toMapping));
  }

  /**
   * Stores every mapping not stored yet, all or nothing, in one transaction: when any code is
   * mapped to another SKU than its row's, nothing is stored and the conflicts are returned.
   */
  public Future<Imported> importAll(List<ItemMapping> mappings, String createdBy) {
    return pool.withTransaction(conn -> conn.preparedQuery(MasterDataSql.IMPORT_MAPPINGS)
        .execute(columns(mappings).addString(createdBy))
        .compose(inserted -> conflicts(conn, mappings).map(conflicts -> {
          if (!conflicts.isEmpty()) {
            throw new Conflicts(conflicts);
          }
          return new Imported(inserted.rowCount(), mappings.size() - inserted.rowCount(), List.of());
        })))
      .recover(e -> e instanceof Conflicts conflicts
        ? Future.succeededFuture(new Imported(0, 0, conflicts.conflicts))
        : Future.failedFuture(e));
  }

  private static Future<List<Conflict>> conflicts(SqlConnection conn, List<ItemMapping> mappings) {
    return conn.preparedQuery(MasterDataSql.IMPORT_CONFLICTS).execute(columns(mappings)).map(rows -> {
      List<Conflict> conflicts = new ArrayList<>();
      for (Row row : rows) {
        conflicts.add(new Conflict((int) (row.getLong("position") - 1), row.getString("sku")));
      }
      return conflicts;
    });
  }

  /** The mappings as parallel arrays of kind, source, code and SKU, for {@code unnest}. */
  private static Tuple columns(List<ItemMapping> mappings) {
    return Tuple.tuple()
      .addArrayOfString(mappings.stream().map(m -> m.kind().wireName()).toArray(String[]::new))
      .addArrayOfString(mappings.stream().map(ItemMapping::source).toArray(String[]::new))
      .addArrayOfString(mappings.stream().map(ItemMapping::code).toArray(String[]::new))
      .addArrayOfString(mappings.stream().map(ItemMapping::sku).toArray(String[]::new));
  }

  /** Quarantined events, newest first: waiting ones, released ones or both, of one source or all. */
  public Future<Page<QuarantinedEvent>> quarantine(boolean waiting, boolean released, String source,
      QuarantineKey after, int limit) {
    Tuple params = Tuple.tuple()
      .addBoolean(waiting)
      .addBoolean(released)
      .addString(source)
      .addOffsetDateTime(after == null ? null : OffsetDateTime.ofInstant(after.firstSeen(), ZoneOffset.UTC))
      .addUUID(after == null ? null : after.transactionId())
      .addInteger(limit + 1);
    return pool.preparedQuery(MasterDataSql.SELECT_QUARANTINE).execute(params)
      .map(rows -> page(rows, limit, MasterDataRepository::toQuarantined));
  }

  public Future<Optional<QuarantinedEvent>> quarantined(UUID transactionId) {
    return pool.preparedQuery(MasterDataSql.SELECT_QUARANTINED).execute(Tuple.of(transactionId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toQuarantined(rows.iterator().next())));
  }

  /** The first {@code limit} rows; the query asked for one more, to tell whether more follow. */
  private static <T> Page<T> page(RowSet<Row> rows, int limit, Function<Row, T> mapper) {
    List<T> items = new ArrayList<>();
    for (Row row : rows) {
      if (items.size() == limit) {
        return new Page<>(items, true);
      }
      items.add(mapper.apply(row));
    }
    return new Page<>(items, false);
  }

  static ItemMapping toMapping(Row row) {
    return new ItemMapping(ItemMapping.Kind.parse(row.getString("kind")), row.getString("source"),
      row.getString("code"), row.getString("sku"), instant(row, "created_at"), row.getString("created_by"));
  }

  static QuarantinedEvent toQuarantined(Row row) {
    return new QuarantinedEvent(
      row.getUUID("transaction_id"),
      row.getString("source_system"),
      row.getString("transaction_key"),
      row.getString("event_type"),
      row.getString("lane"),
      row.getString("reason"),
      row.getString("detail"),
      row.getString("missing_kind"),
      row.getString("missing_source"),
      row.getString("missing_code"),
      row.getJsonObject("payload"),
      instant(row, "first_seen"),
      instant(row, "last_seen"),
      row.getInteger("deliveries"),
      row.getInteger("redrive_attempts"),
      row.getString("last_error"),
      instant(row, "released_at"),
      row.getString("released_outcome"));
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
