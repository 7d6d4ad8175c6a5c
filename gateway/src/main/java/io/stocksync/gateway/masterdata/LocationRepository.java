package io.stocksync.gateway.masterdata;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The location master (table {@code location}) and partners' own location codes (table
 * {@code location_mapping}) in PostgreSQL, for the admin API and the command line. While the
 * location master is empty, workers use locations as sent (unless configured otherwise).
 */
public final class LocationRepository {

  public record Location(String code, String name, Instant createdAt, String createdBy) {
  }

  /** A partner's code for a location, for events of its source. */
  public record LocationMapping(String source, String code, String location, Instant createdAt, String createdBy) {
  }

  /** A row of an import that cannot be stored: its code is mapped to another location, or the location is unknown. */
  public record Conflict(int index, String existingLocation, boolean unknownLocation) {
  }

  public record Imported(int imported, int unchanged, List<Conflict> conflicts) {
    public Imported {
      conflicts = List.copyOf(conflicts);
    }
  }

  public record SavedLocation(Location location, boolean created) {
  }

  private static final class Conflicts extends RuntimeException {
    final List<Conflict> conflicts;

    Conflicts(List<Conflict> conflicts) {
      super("the import conflicts with stored master data", null, false, false);
      this.conflicts = conflicts;
    }
  }

  private final Pool pool;

  public LocationRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<SavedLocation> save(String code, String name, String by) {
    return pool.preparedQuery(LocationSql.UPSERT_LOCATION).execute(Tuple.of(code, name, by)).map(rows -> {
      Row row = rows.iterator().next();
      return new SavedLocation(new Location(row.getString("code"), row.getString("name"), instant(row, "created_at"),
        row.getString("created_by")), row.getBoolean("created"));
    });
  }

  public Future<MasterDataRepository.Page<Location>> locations(String after, int limit) {
    return pool.preparedQuery(LocationSql.LOCATIONS).execute(Tuple.of(after, limit + 1)).map(rows -> {
      List<Location> list = new ArrayList<>();
      rows.forEach(r -> list.add(new Location(r.getString("code"), r.getString("name"), instant(r, "created_at"),
        r.getString("created_by"))));
      return page(list, limit);
    });
  }

  /**
   * Stores every mapping not stored yet, all or nothing: when a code is mapped to another location,
   * or (once the location master has rows) a location is not in it, nothing is stored.
   */
  public Future<Imported> importAll(List<LocationMapping> mappings, String by) {
    Tuple columns = Tuple.tuple()
      .addArrayOfString(mappings.stream().map(LocationMapping::source).toArray(String[]::new))
      .addArrayOfString(mappings.stream().map(LocationMapping::code).toArray(String[]::new))
      .addArrayOfString(mappings.stream().map(LocationMapping::location).toArray(String[]::new));
    return pool.withTransaction(conn -> conn.preparedQuery(LocationSql.IMPORT_MAPPINGS)
        .execute(Tuple.tuple().addValue(columns.getValue(0)).addValue(columns.getValue(1))
          .addValue(columns.getValue(2)).addString(by))
        .compose(inserted -> conn.preparedQuery(LocationSql.IMPORT_CONFLICTS).execute(columns).map(rows -> {
          List<Conflict> conflicts = new ArrayList<>();
          for (Row row : rows) {
            conflicts.add(new Conflict((int) (row.getLong("position") - 1), row.getString("existing"),
              row.getBoolean("unknown")));
          }
          if (!conflicts.isEmpty()) {
            throw new Conflicts(conflicts);
          }
          return new Imported(inserted.rowCount(), mappings.size() - inserted.rowCount(), List.of());
        })))
      .recover(e -> e instanceof Conflicts c ? Future.succeededFuture(new Imported(0, 0, c.conflicts))
        : Future.failedFuture(e));
  }

  public Future<MasterDataRepository.Page<LocationMapping>> mappings(String source, String location, String afterSource,
      String afterCode, int limit) {
    return pool.preparedQuery(LocationSql.MAPPINGS)
      .execute(Tuple.of(source, location, afterSource, afterCode, limit + 1))
      .map(rows -> {
        List<LocationMapping> list = new ArrayList<>();
        rows.forEach(r -> list.add(new LocationMapping(r.getString("source"), r.getString("code"),
          r.getString("location"), instant(r, "created_at"), r.getString("created_by"))));
        return page(list, limit);
      });
  }

  public Future<java.util.Optional<LocationMapping>> mapping(String source, String code) {
    return pool.preparedQuery(LocationSql.MAPPING).execute(Tuple.of(source, code)).map(rows -> {
      if (rows.size() == 0) {
        return java.util.Optional.<LocationMapping>empty();
      }
      Row r = rows.iterator().next();
      return java.util.Optional.of(new LocationMapping(r.getString("source"), r.getString("code"),
        r.getString("location"), instant(r, "created_at"), r.getString("created_by")));
    });
  }

  private static <T> MasterDataRepository.Page<T> page(List<T> list, int limit) {
    boolean more = list.size() > limit;
    return new MasterDataRepository.Page<>(more ? list.subList(0, limit) : list, more);
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
