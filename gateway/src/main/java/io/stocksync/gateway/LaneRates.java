package io.stocksync.gateway;

import io.stocksync.contracts.topology.Lane;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What this gateway process published to each lane over the last {@link #WINDOW_SECONDS} seconds:
 * publishes started, confirmed, and refused (a full lane apart from other failures). One-second
 * buckets in a ring per lane; every gateway instance of the process records into the same one.
 */
final class LaneRates {

  static final int WINDOW_SECONDS = 60;

  /** How one publish ended, or that it started. */
  enum Outcome { PUBLISHED, CONFIRMED, LANE_FULL, FAILED }

  private static final class Ring {
    final long[] seconds = new long[WINDOW_SECONDS];
    final long[][] counts = new long[Outcome.values().length][WINDOW_SECONDS];
  }

  private final Map<Lane, Ring> rings = new EnumMap<>(Lane.class);
  private final LongSupplier clockMillis;
  private final long startedMillis;

  LaneRates(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
    this.startedMillis = clockMillis.getAsLong();
    for (Lane lane : Lane.values()) {
      rings.put(lane, new Ring());
    }
  }

  void record(Lane lane, Outcome outcome) {
    long second = clockMillis.getAsLong() / 1000;
    int slot = (int) (second % WINDOW_SECONDS);
    Ring ring = rings.get(lane);
    synchronized (ring) {
      if (ring.seconds[slot] != second) {
        // the slot still holds a second that left the window: start it afresh
        ring.seconds[slot] = second;
        for (long[] count : ring.counts) {
          count[slot] = 0;
        }
      }
      ring.counts[outcome.ordinal()][slot]++;
    }
  }

  /** Counts over the window, and per-second rates over the part of it this process has been up. */
  JsonObject recent(Lane lane) {
    long now = clockMillis.getAsLong();
    long second = now / 1000;
    long[] totals = new long[Outcome.values().length];
    Ring ring = rings.get(lane);
    synchronized (ring) {
      for (int slot = 0; slot < WINDOW_SECONDS; slot++) {
        if (second - ring.seconds[slot] < WINDOW_SECONDS) {
          for (Outcome outcome : Outcome.values()) {
            totals[outcome.ordinal()] += ring.counts[outcome.ordinal()][slot];
          }
        }
      }
    }
    double covered = Math.max(1.0, Math.min(WINDOW_SECONDS, (now - startedMillis) / 1000.0));
    long laneFull = totals[Outcome.LANE_FULL.ordinal()];
    long failed = totals[Outcome.FAILED.ordinal()];
    return new JsonObject()
      .put("windowSeconds", WINDOW_SECONDS)
      .put("published", totals[Outcome.PUBLISHED.ordinal()])
      .put("confirmed", totals[Outcome.CONFIRMED.ordinal()])
      .put("rejected", laneFull + failed)
      .put("laneFull", laneFull)
      .put("publishedPerSecond", round(totals[Outcome.PUBLISHED.ordinal()] / covered))
      .put("confirmedPerSecond", round(totals[Outcome.CONFIRMED.ordinal()] / covered));
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
