package io.stocksync.workers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stocksync.contracts.topology.Lane;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the workers did, per lane, as Micrometer meters: events consumed, their outcome (applied,
 * duplicate, retried, dead-lettered) and how long applying took. Tests read the totals.
 */
public final class WorkerCounters {

  private final Map<Lane, Counter> consumed = new EnumMap<>(Lane.class);
  private final Map<Lane, Counter> applied = new EnumMap<>(Lane.class);
  private final Map<Lane, Counter> duplicates = new EnumMap<>(Lane.class);
  private final Map<Lane, Counter> retried = new EnumMap<>(Lane.class);
  private final Map<Lane, Counter> deadLettered = new EnumMap<>(Lane.class);
  private final Map<Lane, Counter> quarantined = new EnumMap<>(Lane.class);
  private final Counter released;
  private final Map<Lane, Timer> applyLatency = new EnumMap<>(Lane.class);
  private final Map<Lane, Boolean> consuming = new EnumMap<>(Lane.class);

  public WorkerCounters() {
    this(new SimpleMeterRegistry());
  }

  public WorkerCounters(MeterRegistry registry) {
    for (Lane lane : Lane.values()) {
      consumed.put(lane, Counter.builder("stocksync.worker.consumed").description("Messages taken from the lane")
        .tag("lane", lane.id()).register(registry));
      applied.put(lane, outcome(registry, lane, "applied"));
      duplicates.put(lane, outcome(registry, lane, "duplicate"));
      retried.put(lane, outcome(registry, lane, "retried"));
      deadLettered.put(lane, outcome(registry, lane, "dead_lettered"));
      quarantined.put(lane, outcome(registry, lane, "quarantined"));
      applyLatency.put(lane, Timer.builder("stocksync.worker.apply").description("Time to commit one event to the ledger")
        .tag("lane", lane.id()).publishPercentiles(0.5, 0.99).register(registry));
      consuming.put(lane, false);
    }
    released = Counter.builder("stocksync.worker.quarantine.released")
      .description("Quarantined events applied after their mapping appeared").register(registry);
  }

  private static Counter outcome(MeterRegistry registry, Lane lane, String outcome) {
    return Counter.builder("stocksync.worker.events").description("Events by what applying them did")
      .tag("lane", lane.id()).tag("outcome", outcome).register(registry);
  }

  void consumed(Lane lane) {
    consumed.get(lane).increment();
  }

  void applied(Lane lane, LedgerRepository.Outcome outcome, Duration took) {
    (outcome == LedgerRepository.Outcome.APPLIED ? applied : duplicates).get(lane).increment();
    applyLatency.get(lane).record(took);
  }

  void quarantined(Lane lane) {
    quarantined.get(lane).increment();
  }

  void released() {
    released.increment();
  }

  void retried(Lane lane) {
    retried.get(lane).increment();
  }

  void deadLettered(Lane lane) {
    deadLettered.get(lane).increment();
  }

  synchronized void consuming(Lane lane, boolean active) {
    consuming.put(lane, active);
  }

  /** True when every lane has a consumer registered with the broker. */
  public synchronized boolean allLanesConsuming() {
    return consuming.values().stream().allMatch(Boolean::booleanValue);
  }

  public long consumed() {
    return sum(consumed);
  }

  public long applied() {
    return sum(applied);
  }

  public long duplicates() {
    return sum(duplicates);
  }

  public long retried() {
    return sum(retried);
  }

  public long deadLettered() {
    return sum(deadLettered);
  }

  private static long sum(Map<Lane, Counter> counters) {
    return (long) counters.values().stream().mapToDouble(Counter::count).sum();
  }
}
