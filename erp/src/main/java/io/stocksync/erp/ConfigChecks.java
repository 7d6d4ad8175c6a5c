package io.stocksync.erp;

import java.time.Duration;

/** Range checks whose messages name the configuration key, as startup validation reports them. */
final class ConfigChecks {

  private ConfigChecks() {
  }

  static int between(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  static double between(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  static Duration between(String key, Duration value, Duration min, Duration max) {
    if (value == null) {
      throw new IllegalArgumentException(key + " is required");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(key + " must be between " + min.toMillis() + " and " + max.toMillis()
        + " ms, was " + value.toMillis());
    }
    return value;
  }

  static String text(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " must not be blank");
    }
    return value;
  }
}
