package io.stocksync.gateway.masterdata;

import java.time.Instant;
import java.util.Objects;

/**
 * One item mapping as stored: a GTIN that names one SKU everywhere, or a partner's own item code
 * that names one SKU for events of its source only.
 */
public record ItemMapping(Kind kind, String source, String code, String sku, Instant createdAt, String createdBy) {

  /** What the code is; the wire names are those of table {@code item_mapping}. */
  public enum Kind {
    GTIN("gtin"),
    PARTNER("partner");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** The kind of this wire name, or null when there is none. */
    public static Kind parse(String value) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(value)) {
          return kind;
        }
      }
      return null;
    }
  }

  public ItemMapping {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(sku, "sku");
    source = source == null ? "" : source;
    if ((kind == Kind.GTIN) != source.isEmpty()) {
      throw new IllegalArgumentException("a GTIN mapping has no source, a partner mapping needs one");
    }
  }

  /** A mapping not stored yet: the database stamps its creation time. */
  public static ItemMapping unsaved(Kind kind, String source, String code, String sku, String createdBy) {
    return new ItemMapping(kind, source, code, sku, null, createdBy);
  }

  /** Whether both name the same code (kind, source and code), whatever SKU they map it to. */
  public boolean sameCode(ItemMapping other) {
    return kind == other.kind && source.equals(other.source) && code.equals(other.code);
  }

  /** The code as people say it, e.g. {@code GTIN 04006381333931} or {@code partner code 'NW-7' of source 'tpl-x'}. */
  public String describeCode() {
    return kind == Kind.GTIN ? "GTIN " + code : "partner code '" + code + "' of source '" + source + "'";
  }
}
