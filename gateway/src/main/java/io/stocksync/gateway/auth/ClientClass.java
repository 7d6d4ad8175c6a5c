package io.stocksync.gateway.auth;

/**
 * Kinds of callers with their default request rate and burst. A scanner fleet sends a steady
 * trickle from many devices, a WMS sends bursts after a wave release, a partner sends batches
 * every few minutes, ecommerce reads and reserves at checkout speed.
 */
public enum ClientClass {
  SCANNER(50, 100),
  WMS(200, 400),
  PARTNER(20, 200),
  ECOMMERCE(100, 200);

  private final int ratePerSecond;
  private final int burst;

  ClientClass(int ratePerSecond, int burst) {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
  }

  public String wireName() {
    return name().toLowerCase();
  }

  public int defaultRatePerSecond() {
    return ratePerSecond;
  }

  public int defaultBurst() {
    return burst;
  }

  public static ClientClass parse(String value) {
    for (ClientClass type : values()) {
      if (type.wireName().equals(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown client class '" + value + "', expected scanner, wms, partner or ecommerce");
  }
}
