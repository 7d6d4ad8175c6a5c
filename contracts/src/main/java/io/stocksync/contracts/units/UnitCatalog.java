package io.stocksync.contracts.units;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The UN/ECE Recommendation 20 unit codes with their conversion factors, for exact conversion
 * between units of one kind of quantity (GRM to KGM, MLT to LTR, DZN to C62). Units of different
 * kinds never convert: kilograms are not eaches. {@code EA} (each) and {@code H87} (piece) count
 * one item, like {@code C62}. Package units (cases, pallets) have no factor here: how many eaches a
 * case holds is item master data. Immutable; load once and share.
 */
public final class UnitCatalog {

  public static final String RESOURCE = "/units/rec20-units.csv";
  /** The ledger keeps 6 decimal places; a conversion that needs more is refused, never rounded. */
  public static final int MAX_SCALE = 6;

  /** One code: its state in Rec 20, the base quantity its factor refers to (empty: none), the factor. */
  public record Unit(String code, String state, String base, BigDecimal factor, String name) {

    public boolean convertible() {
      return factor != null && !base.isEmpty();
    }
  }

  private final Map<String, Unit> units;

  private UnitCatalog(Map<String, Unit> units) {
    this.units = Map.copyOf(units);
  }

  /**
   * The catalog, read from the class path once per JVM and shared (it is immutable). The first call
   * reads a resource: make it off the event loop, as {@code Node} does at startup.
   */
  public static UnitCatalog load() {
    return Shared.CATALOG;
  }

  /** Holder idiom: the JVM reads the resource once, on first use, thread-safely. */
  private static final class Shared {
    static final UnitCatalog CATALOG = read();
  }

  private static UnitCatalog read() {
    Map<String, Unit> units = new HashMap<>();
    try (InputStream in = UnitCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      boolean header = true;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] f = line.split(",", 5);
        units.put(f[0], new Unit(f[0], f[1], f[2], f[3].isEmpty() ? null : new BigDecimal(f[3]), unquote(f[4])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String count : new String[] {"EA", "H87"}) {
      Unit unit = units.get(count);
      units.put(count, new Unit(count, unit.state(), "dimensionless", BigDecimal.ONE, unit.name()));
    }
    return new UnitCatalog(units);
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
      ? value.substring(1, value.length() - 1).replace("\"\"", "\"") : value;
  }

  public Optional<Unit> find(String code) {
    return Optional.ofNullable(units.get(code));
  }

  /** True when both are units of the same kind of quantity, so that the catalog converts between them. */
  public boolean sameKind(String from, String to) {
    Unit a = units.get(from);
    Unit b = units.get(to);
    return a != null && b != null && a.convertible() && b.convertible() && a.base().equals(b.base());
  }

  /** True when both have a kind of quantity and the kinds differ: no conversion can ever join them. */
  public boolean differentKinds(String from, String to) {
    Unit a = units.get(from);
    Unit b = units.get(to);
    return a != null && b != null && a.convertible() && b.convertible() && !a.base().equals(b.base());
  }

  /**
   * {@code quantity} of {@code from} in {@code to}, exactly: empty when the catalog cannot convert
   * between them; an {@link ArithmeticException} when the result needs more than
   * {@link #MAX_SCALE} decimal places.
   */
  public Optional<BigDecimal> convert(BigDecimal quantity, String from, String to) {
    if (from.equals(to)) {
      return Optional.of(quantity);
    }
    if (!sameKind(from, to)) {
      return Optional.empty();
    }
    BigDecimal ratio = units.get(from).factor().divide(units.get(to).factor(), MathContext.DECIMAL128);
    return Optional.of(exact(quantity.multiply(ratio), from, to));
  }

  /** The value with at most {@link #MAX_SCALE} decimal places, or an ArithmeticException naming the units. */
  public static BigDecimal exact(BigDecimal value, String from, String to) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > MAX_SCALE) {
      throw new ArithmeticException("converting " + from + " to " + to + " gives " + stripped.toPlainString()
        + ", more than " + MAX_SCALE + " decimal places");
    }
    return stripped;
  }
}
