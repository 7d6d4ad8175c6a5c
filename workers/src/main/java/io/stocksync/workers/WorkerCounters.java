package io.stocksync.workers;

import io.stocksync.contracts.topology.Lane;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Per-lane counts of what the workers did, for logs, tests and (later) the metrics endpoint. */
public final class WorkerCounters {

  private final Map<Lane, LongAdder> consumed = adders();
  private final Map<Lane, LongAdder> applied = adders();
  private final Map<Lane, LongAdder> duplicates = adders();
  private final Map<Lane, LongAdder> retried = adders();
  private final Map<Lane, LongAdder> deadLettered = adders();

  private static Map<Lane, LongAdder> adders() {
    Map<Lane, LongAdder> map = new EnumMap<>(Lane.class);
    for (Lane lane : Lane.values()) {
      map.put(lane, new LongAdder());
    }
    return map;
  }

  void consumed(Lane lane) {
    consumed.get(lane).increment();
  }

  void applied(Lane lane, LedgerRepository.Outcome outcome) {
    (outcome == LedgerRepository.Outcome.APPLIED ? applied : duplicates).get(lane).increment();
  }

  void retried(Lane lane) {
    retried.get(lane).increment();
  }

  void deadLettered(Lane lane) {
    deadLettered.get(lane).increment();
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

  private static long sum(Map<Lane, LongAdder> map) {
    return map.values().stream().mapToLong(LongAdder::sum).sum();
  }
}
