package io.stocksync.gateway.masterdata;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A pack size of an item as defined ({@code quantity} of {@code of}: PL = 40 CS) and what it is
 * worth in the item's base unit ({@code factor}: 480), which is what conversion uses.
 */
public record PackSize(String unit, BigDecimal quantity, String of, BigDecimal factor, Instant createdAt,
    String createdBy) {

  /** A pack size to insert for an item. */
  public record Write(String sku, PackSize pack) {
  }
}
