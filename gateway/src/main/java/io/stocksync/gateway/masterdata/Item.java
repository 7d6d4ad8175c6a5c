package io.stocksync.gateway.masterdata;

import java.time.Instant;
import java.util.List;

/** An item of the item master: the unit its balances are kept in, and its pack sizes. */
public record Item(String sku, String baseUnit, String description, Instant createdAt, Instant updatedAt,
    String createdBy, List<PackSize> packSizes) {

  public Item {
    packSizes = List.copyOf(packSizes);
  }
}
