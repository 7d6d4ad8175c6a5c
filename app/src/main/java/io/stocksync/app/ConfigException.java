package io.stocksync.app;

/** A configuration value is missing or wrong; the message names the key and where to fix it. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
