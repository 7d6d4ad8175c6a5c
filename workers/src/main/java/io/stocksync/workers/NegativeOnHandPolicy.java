package io.stocksync.workers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whether events of a source may take an on-hand balance below zero: allowed by default (a
 * shipment scanned before its receipt settles when the receipt arrives), refused for the sources
 * configured so; their event then waits in the quarantine until the stock is there.
 */
public record NegativeOnHandPolicy(boolean refuseByDefault, Map<String, Boolean> refuseBySource) {

  private static final Pattern SOURCE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");

  public static final NegativeOnHandPolicy ALLOW = new NegativeOnHandPolicy(false, Map.of());

  public NegativeOnHandPolicy {
    refuseBySource = Map.copyOf(Objects.requireNonNull(refuseBySource, "refuseBySource"));
  }

  public boolean refuses(String source) {
    return refuseBySource.getOrDefault(source, refuseByDefault);
  }

  /** Sources refused, and sources allowed against the default: what the re-drive pass needs. */
  public List<String> sources(boolean refused) {
    return refuseBySource.entrySet().stream().filter(e -> e.getValue() == refused).map(Map.Entry::getKey).sorted().toList();
  }

  /**
   * From {@code ledger.negative-on-hand.default} ({@code allow} or {@code refuse}) and
   * {@code ledger.negative-on-hand.sources} ({@code wms-a:refuse,shop:allow}); null values are the
   * defaults. Errors name the key.
   */
  public static NegativeOnHandPolicy parse(String defaultValue, String sources) {
    boolean refuse = decision("ledger.negative-on-hand.default", defaultValue == null ? "allow" : defaultValue.trim());
    Map<String, Boolean> bySource = new LinkedHashMap<>();
    if (sources != null && !sources.isBlank()) {
      for (String entry : sources.split(",")) {
        String item = entry.trim();
        int colon = item.lastIndexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException("ledger.negative-on-hand.sources must list source:allow or source:refuse, "
            + "comma-separated, e.g. wms-a:refuse,shop:allow; '" + item + "' is neither");
        }
        String source = item.substring(0, colon).trim();
        if (!SOURCE.matcher(source).matches()) {
          throw new IllegalArgumentException("ledger.negative-on-hand.sources: '" + source + "' is not a valid source");
        }
        if (bySource.put(source, decision("ledger.negative-on-hand.sources", item.substring(colon + 1).trim())) != null) {
          throw new IllegalArgumentException("ledger.negative-on-hand.sources names source '" + source + "' twice");
        }
      }
    }
    return new NegativeOnHandPolicy(refuse, bySource);
  }

  private static boolean decision(String key, String value) {
    return switch (value) {
      case "allow" -> false;
      case "refuse" -> true;
      default -> throw new IllegalArgumentException(key + " must be 'allow' or 'refuse', was '" + value + "'");
    };
  }
}
