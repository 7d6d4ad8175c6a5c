package io.stocksync.workers;

import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.units.UnitCatalog;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Turns an event into the ledger's terms before it is applied: its item as a SKU (through the item
 * mappings when it came as a GTIN or partner code), its locations (through the source's location
 * mappings, checked against the location master once it has rows) and its quantity in the item's base unit (through
 * the item's pack sizes, or the UN/ECE Rec 20 factors between units of one kind). What cannot be
 * resolved yet is named, so that the event is quarantined until it can.
 */
public final class MasterDataResolver {

  /** Ready to apply, or held for what is missing. */
  public sealed interface Resolution {
  }

  public record Ready(InventoryEvent event) implements Resolution {
  }

  /**
   * What an event waits for: {@code kind} {@code gtin} (source empty), {@code partner} (the
   * source's code), or {@code unit} (source is the SKU, code the unit).
   */
  public record Missing(String reason, String kind, String source, String code, String detail, Long stockMovementId)
      implements Resolution {

    public Missing(String reason, String kind, String source, String code, String detail) {
      this(reason, kind, source, code, detail, null);
    }

    /** Waiting for stock: kind {@code stock}, source the SKU, code the location. */
    public static Missing stock(LedgerRepository.InsufficientStockException e) {
      return new Missing("insufficient-stock", "stock", e.sku(), e.location(), e.getMessage(), e.movementId());
    }
  }

  static final String ITEM_BY_CODE = """
    SELECT sku FROM item_mapping WHERE kind = $1 AND source = $2 AND code = $3
    """;

  static final String ITEM_UNITS = """
    SELECT i.base_unit, u.factor FROM item i LEFT JOIN item_unit u ON u.sku = i.sku AND u.unit = $2 WHERE i.sku = $1
    """;

  /**
   * Per location code of the event ($2, in order): the location a mapping of its source ($1) names,
   * whether the code it comes to is in the location master, and whether that master has rows.
   */
  static final String LOCATIONS = """
    SELECT c.code, m.location AS mapped, l.code IS NOT NULL AS known, EXISTS (SELECT 1 FROM location) AS master
      FROM unnest($2::text[]) WITH ORDINALITY AS c (code, n)
      LEFT JOIN location_mapping m ON m.source = $1 AND m.code = c.code
      LEFT JOIN location l ON l.code = coalesce(m.location, c.code)
     ORDER BY c.n
    """;

  private final SqlClient client;
  private final UnitCatalog units;
  private final boolean locationsRequired;

  /** {@code locationsRequired}: every location must be in the location master, even while it is empty. */
  public MasterDataResolver(SqlClient client, UnitCatalog units, boolean locationsRequired) {
    this.client = client;
    this.units = units;
    this.locationsRequired = locationsRequired;
  }

  public Future<Resolution> resolve(InventoryEvent event) {
    return resolveItem(event)
      .compose(item -> item instanceof Ready ready ? resolveLocations(ready.event()) : Future.succeededFuture(item))
      .compose(located -> located instanceof Ready ready ? resolveUnit(ready.event()) : Future.succeededFuture(located));
  }

  /**
   * Each location (and the destination of a transfer-out) through the source's location mappings;
   * an unmapped code stands for itself. Once the location master has rows (or they are required),
   * the location must be one of them.
   */
  private Future<Resolution> resolveLocations(InventoryEvent event) {
    String[] codes = event.toLocation() == null ? new String[] {event.location()}
      : new String[] {event.location(), event.toLocation()};
    return client.preparedQuery(LOCATIONS).execute(Tuple.tuple().addString(event.source()).addArrayOfString(codes)).map(rows -> {
      String[] resolved = new String[codes.length];
      int i = 0;
      for (Row row : rows) {
        String code = row.getString("code");
        String mapped = row.getString("mapped");
        String location = mapped == null ? code : mapped;
        if ((locationsRequired || row.getBoolean("master")) && !row.getBoolean("known")) {
          return new Missing("unknown-location", "location", event.source(), code, mapped == null
            ? "location " + code + " is not in the location master and no location is mapped to code " + code
              + " of source " + event.source()
            : "code " + code + " of source " + event.source() + " is mapped to location " + mapped
              + ", which is not in the location master");
        }
        resolved[i++] = location;
      }
      if (resolved[0].equals(event.location()) && (codes.length == 1 || resolved[1].equals(event.toLocation()))) {
        return new Ready(event);
      }
      InventoryEvent.Builder located = event.toBuilder().location(resolved[0]);
      if (codes.length > 1) {
        located.toLocation(resolved[1]);
      }
      return new Ready(located.build());
    });
  }

  /** The SKU as sent, or a partner code's (the sender's own word comes first), or the GTIN's. */
  private Future<Resolution> resolveItem(InventoryEvent event) {
    if (event.sku() != null) {
      return Future.succeededFuture(new Ready(event));
    }
    String partner = event.item().partnerCode();
    String gtin = event.item().gtin();
    Future<Optional<String>> sku = partner != null ? lookup("partner", event.source(), partner)
      : Future.succeededFuture(Optional.empty());
    return sku
      .compose(found -> found.isPresent() || gtin == null ? Future.succeededFuture(found) : lookup("gtin", "", gtin))
      .map(found -> found.<Resolution>map(s -> new Ready(event.withSku(s))).orElseGet(() -> partner != null
        ? new Missing("unknown-item", "partner", event.source(), partner,
          "no SKU is mapped to partner code " + partner + " of source " + event.source())
        : new Missing("unknown-item", "gtin", "", gtin, "no SKU is mapped to GTIN " + gtin)));
  }

  private Future<Optional<String>> lookup(String kind, String source, String code) {
    return client.preparedQuery(ITEM_BY_CODE).execute(Tuple.of(kind, source, code))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("sku")));
  }

  /** In the item's base unit when the item has one; as sent otherwise. */
  private Future<Resolution> resolveUnit(InventoryEvent event) {
    return client.preparedQuery(ITEM_UNITS).execute(Tuple.of(event.sku(), event.unit())).map(rows -> {
      if (rows.size() == 0) {
        return new Ready(event);
      }
      Row row = rows.iterator().next();
      String base = row.getString("base_unit");
      String unit = event.unit();
      if (unit.equals(base)) {
        return new Ready(event);
      }
      try {
        BigDecimal pack = row.getBigDecimal("factor");
        if (pack != null) {
          return converted(event, UnitCatalog.exact(event.quantity().multiply(pack), unit, base), base);
        }
        Optional<BigDecimal> byKind = units.convert(event.quantity(), unit, base);
        if (byKind.isPresent()) {
          return converted(event, byKind.get(), base);
        }
      } catch (ArithmeticException e) {
        return new Missing("impossible-conversion", "unit", event.sku(), unit, e.getMessage());
      }
      if (units.differentKinds(unit, base)) {
        return new Missing("impossible-conversion", "unit", event.sku(), unit, unit + " and " + base
          + " measure different kinds of quantity; " + event.sku() + " is kept in " + base);
      }
      return new Missing("unknown-unit", "unit", event.sku(), unit, event.sku() + " is kept in " + base
        + " and has no conversion from " + unit + ": add its pack size");
    });
  }

  private static Resolution converted(InventoryEvent event, BigDecimal quantity, String base) {
    return new Ready(event.toBuilder().quantity(quantity).unit(base).build());
  }
}
