package io.stocksync.app;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.DatabaseConfig;
import java.nio.file.Path;

/** What {@code stocksync dev} prints once it is ready: where it runs and a request that works as printed. */
final class DevBanner {

  private DevBanner() {
  }

  static String exampleEvent() {
    return "{\"type\":\"receipt\",\"source\":\"demo-wms\",\"transactionKey\":\"RCV-1001\","
      + "\"occurredAt\":\"2026-12-03T10:15:00Z\",\"item\":{\"sku\":\"SKU-1001\"},"
      + "\"location\":\"DC-EAST\",\"quantity\":24,\"unit\":\"EA\"}";
  }

  static String render(int port, String apiKey, Path data, DatabaseConfig db, BrokerConfig broker, String erp,
      long readyMillis) {
    String base = "http://localhost:" + port;
    return String.join(System.lineSeparator(),
      "",
      "stocksync dev is ready at " + base + " (in " + readyMillis + " ms)",
      "  data:     " + (data == null ? "temporary (--ephemeral), deleted on exit" : data.toAbsolutePath()),
      "  database: " + db,
      "  broker:   " + broker,
      "  ERP:      " + erp,
      "  API key:  " + apiKey + "  (client 'demo', every scope; fix it with STOCKSYNC_DEMO_API_KEY)",
      "",
      "Post a receipt:",
      "  curl -i -X POST " + base + "/v1/events -H 'Authorization: Bearer " + apiKey + "'"
        + " -H 'Content-Type: application/json' -d '" + exampleEvent() + "'",
      "Read the balance:",
      "  curl -H 'Authorization: Bearer " + apiKey + "' '" + base + "/v1/balances?item=SKU-1001&location=DC-EAST'",
      "",
      "Ctrl-C stops it.",
      "");
  }
}
