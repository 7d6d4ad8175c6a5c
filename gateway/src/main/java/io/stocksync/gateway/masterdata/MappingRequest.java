package io.stocksync.gateway.masterdata;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A mapping as a caller asked for it (a JSON body or a CSV row), checked field by field before
 * anything is stored. Absent fields are null. The rules are those of the event contract's
 * {@code item} and {@code source}, so that every mapping can match an event.
 */
public record MappingRequest(String sku, String gtin, String source, String partnerCode) {

  /** One broken rule: the field (a JSON member or CSV column) and what is wrong with it. */
  public record FieldError(String field, String detail) {
  }

  public static final Pattern GTIN = Pattern.compile("^[0-9]{8,14}$");
  public static final Pattern SOURCE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");
  static final int MAX_LENGTH = 64;
  private static final int MAX_ECHO = 70;

  /** Every rule this request breaks; empty when it is one valid mapping. */
  public List<FieldError> violations() {
    List<FieldError> errors = new ArrayList<>();
    if (sku == null) {
      errors.add(new FieldError("sku", "is required"));
    } else {
      length("sku", sku, errors);
    }
    boolean partner = source != null || partnerCode != null;
    if (gtin != null && partner) {
      errors.add(new FieldError("gtin", "give either gtin, or source and partnerCode, not both"));
    } else if (gtin != null) {
      if (!GTIN.matcher(gtin).matches()) {
        errors.add(new FieldError("gtin", "must be 8 to 14 digits, was " + echo(gtin)));
      }
    } else if (!partner) {
      errors.add(new FieldError("gtin", "is required, or else source and partnerCode"));
    } else {
      if (source == null) {
        errors.add(new FieldError("source", "is required with partnerCode"));
      } else if (!SOURCE.matcher(source).matches()) {
        errors.add(new FieldError("source", "must match " + SOURCE.pattern() + ", was " + echo(source)));
      }
      if (partnerCode == null) {
        errors.add(new FieldError("partnerCode", "is required with source"));
      } else {
        length("partnerCode", partnerCode, errors);
      }
    }
    return errors;
  }

  /** The mapping asked for; only for a request without {@link #violations()}. */
  public ItemMapping toMapping(String createdBy) {
    return gtin != null
      ? ItemMapping.unsaved(ItemMapping.Kind.GTIN, "", gtin, sku, createdBy)
      : ItemMapping.unsaved(ItemMapping.Kind.PARTNER, source, partnerCode, sku, createdBy);
  }

  /** The field that names the code of this request: {@code gtin} or {@code partnerCode}. */
  public String codeField() {
    return gtin != null ? "gtin" : "partnerCode";
  }

  private static void length(String field, String value, List<FieldError> errors) {
    int length = value.codePointCount(0, value.length());
    if (length < 1 || length > MAX_LENGTH) {
      errors.add(new FieldError(field, "must be 1 to " + MAX_LENGTH + " characters, was " + length));
    }
  }

  /** A value quoted for a message, cut short if long. */
  static String echo(String value) {
    return "'" + (value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "…" : value) + "'";
  }
}
