package io.stocksync.embedded;

import java.util.Locale;
import java.util.Optional;

/**
 * One test setting read from a system property or, failing that, from the environment variable of
 * the same name in upper case ({@code stocksync.test.db.host} and {@code STOCKSYNC_TEST_DB_HOST}).
 */
final class TestSetting {

  private TestSetting() {
  }

  /** The value, or empty when it is unset or blank (Maven passes unset properties as ""). */
  static Optional<String> find(String property) {
    return nonBlank(System.getProperty(property)).or(() -> nonBlank(System.getenv(environmentName(property))));
  }

  static String get(String property, String fallback) {
    return find(property).orElse(fallback);
  }

  static int port(String property, int fallback) {
    String value = get(property, Integer.toString(fallback)).trim();
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(property + " (or " + environmentName(property)
        + ") must be a port number, was '" + value + "'");
    }
  }

  static String environmentName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
