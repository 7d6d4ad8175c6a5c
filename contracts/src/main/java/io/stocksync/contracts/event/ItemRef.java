package io.stocksync.contracts.event;

/**
 * How an event names its item: stocksync's SKU, a GTIN, or the sender's own item code. At least one
 * is present; the workers resolve a GTIN or partner code to a SKU through the item mappings.
 */
public record ItemRef(String sku, String gtin, String partnerCode) {

  public ItemRef {
    if (sku == null && gtin == null && partnerCode == null) {
      throw new IllegalArgumentException("an item needs a sku, a gtin or a partnerCode");
    }
  }

  public static ItemRef sku(String sku) {
    return new ItemRef(sku, null, null);
  }
}
