package io.stocksync.erp;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an ERP inventory journal. The quantity is a signed delta in {@code unit}: positive
 * adds to the ERP's balance of item, location and lot, negative takes from it; the movement type
 * says why and never changes the sign.
 *
 * @param lot null when the item is not lot-controlled
 */
public record ErpLine(String item, String location, String lot, String unit, BigDecimal quantity,
                      String movementType) {

  public ErpLine {
    requireText(item, "item");
    requireText(location, "location");
    if (lot != null && lot.isBlank()) {
      throw new IllegalArgumentException("lot must be null or non-blank");
    }
    requireText(unit, "unit");
    Objects.requireNonNull(quantity, "quantity");
    requireText(movementType, "movementType");
  }

  static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
