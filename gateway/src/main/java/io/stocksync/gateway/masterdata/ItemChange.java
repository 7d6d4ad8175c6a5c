package io.stocksync.gateway.masterdata;

import java.math.BigDecimal;

/** One change asked of the item master: an item with its base unit, or a pack size of one. */
public sealed interface ItemChange {

  /** Where it was asked: the 1-based line of an import, or 0 for a single request. */
  int line();

  String sku();

  /** Creates the item, or updates its base unit (while it has no pack sizes and no stock) and description. */
  record SetItem(int line, String sku, String baseUnit, String description) implements ItemChange {
  }

  /** A pack size: one {@code unit} holds {@code quantity} of {@code of} (CS = 12 EA, PL = 40 CS). */
  record AddPack(int line, String sku, String unit, BigDecimal quantity, String of) implements ItemChange {
  }
}
