package io.stocksync.app;

/** Request bodies for tests, in the v1 contract. */
final class Events {

  private Events() {
  }

  static String receipt(String source, String key, String sku, String location, String quantity) {
    return event("receipt", source, key, sku, location, quantity, null);
  }

  static String shipment(String source, String key, String sku, String location, String quantity) {
    return event("shipment", source, key, sku, location, quantity, null);
  }

  static String adjustment(String source, String key, String sku, String location, String quantity, String reason) {
    return event("adjustment", source, key, sku, location, quantity, reason);
  }

  static String event(String type, String source, String key, String sku, String location, String quantity,
      String reason) {
    return "{\"type\":\"" + type + "\",\"source\":\"" + source + "\",\"transactionKey\":\"" + key + "\","
      + "\"occurredAt\":\"2026-12-03T10:15:00Z\",\"item\":{\"sku\":\"" + sku + "\"},"
      + "\"location\":\"" + location + "\",\"quantity\":" + quantity + ",\"unit\":\"EA\""
      + (reason == null ? "" : ",\"reasonCode\":\"" + reason + "\"") + "}";
  }
}
