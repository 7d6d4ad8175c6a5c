package io.stocksync.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stocksync.contracts.topology.Lane;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's own meters beside the HTTP server metrics Vert.x records: rejections by reason and
 * client, shadow-mode clients over their limit, how long the broker takes to confirm, and how deep
 * each lane is.
 */
public final class GatewayMetrics {

  private final MeterRegistry registry;
  private final Map<Lane, Timer> confirm = new EnumMap<>(Lane.class);
  private final Map<Lane, AtomicLong> depth = new EnumMap<>(Lane.class);
  private final Map<Lane, Map<Boolean, Counter>> refusals = new EnumMap<>(Lane.class);
  private final LaneRates rates = new LaneRates(System::currentTimeMillis);

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Lane lane : Lane.values()) {
      confirm.put(lane, Timer.builder("stocksync.gateway.confirm")
        .description("From publish to the broker's confirm").tag("lane", lane.id())
        .publishPercentiles(0.5, 0.99).register(registry));
      AtomicLong value = new AtomicLong(-1);
      depth.put(lane, value);
      Gauge.builder("stocksync.lane.depth", value, AtomicLong::get)
        .description("Messages ready in the lane (-1 until first measured)").tag("lane", lane.id()).register(registry);
      Map<Boolean, Counter> byCause = new java.util.HashMap<>();
      for (boolean full : new boolean[] {true, false}) {
        byCause.put(full, Counter.builder("stocksync.gateway.publish.refused")
          .description("Publishes the broker did not confirm: the lane was full, or another broker failure")
          .tag("lane", lane.id()).tag("cause", full ? "lane-full" : "broker").register(registry));
      }
      refusals.put(lane, Map.copyOf(byCause));
    }
  }

  public static GatewayMetrics noop() {
    return new GatewayMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  void rejected(ProblemType reason, String clientId) {
    Counter.builder("stocksync.gateway.rejections").description("Requests answered with a problem")
      .tag("reason", reason.name().toLowerCase().replace('_', '-'))
      .tag("client", clientId == null ? "anonymous" : clientId)
      .register(registry).increment();
  }

  /** A request of a client in shadow mode was over its limit and admitted anyway. */
  public void shadowExceeded(String clientId) {
    Counter.builder("stocksync.gateway.rate.limit.shadow.exceeded")
      .description("Requests of clients in shadow mode admitted over their rate limit")
      .tag("client", clientId)
      .register(registry).increment();
  }

  void confirmed(Lane lane, Duration took) {
    confirm.get(lane).record(took);
    rates.record(lane, LaneRates.Outcome.CONFIRMED);
  }

  /** A publish to the lane starts. */
  void publishing(Lane lane) {
    rates.record(lane, LaneRates.Outcome.PUBLISHED);
  }

  /** A publish to the lane was not confirmed: the lane was full (nacked), or another broker failure. */
  void refused(Lane lane, boolean laneFull) {
    rates.record(lane, laneFull ? LaneRates.Outcome.LANE_FULL : LaneRates.Outcome.FAILED);
    refusals.get(lane).get(laneFull).increment();
  }

  /** This process's publishes to the lane over the last minute, with rates. */
  io.vertx.core.json.JsonObject recentRates(Lane lane) {
    return rates.recent(lane);
  }

  /** Confirms so far in this process and their latency percentiles, in milliseconds. */
  io.vertx.core.json.JsonObject confirmStats(Lane lane) {
    Timer timer = confirm.get(lane);
    io.vertx.core.json.JsonObject stats = new io.vertx.core.json.JsonObject().put("confirmed", timer.count());
    for (var percentile : timer.takeSnapshot().percentileValues()) {
      stats.put("p" + Math.round(percentile.percentile() * 100) + "Ms",
        Math.round(percentile.value(java.util.concurrent.TimeUnit.MICROSECONDS)) / 1000.0);
    }
    return stats;
  }

  void laneDepth(Lane lane, long messages) {
    depth.get(lane).set(messages);
  }
}
