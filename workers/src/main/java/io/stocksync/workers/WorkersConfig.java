package io.stocksync.workers;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the workers role needs: the ledger database, the broker, per lane how many unacked
 * messages a consumer may hold (its prefetch, which is also how many events it applies at once),
 * and what master data and stock an event must find.
 */
public record WorkersConfig(DatabaseConfig database, BrokerConfig broker, Topology topology, Map<Lane, Integer> prefetch,
    MasterDataPolicy masterData) {

  /** With the default master-data policy: locations as sent unless known, negative on-hand allowed. */
  public WorkersConfig(DatabaseConfig database, BrokerConfig broker, Topology topology, Map<Lane, Integer> prefetch) {
    this(database, broker, topology, prefetch, MasterDataPolicy.DEFAULT);
  }

  /** Small prefetch on critical keeps its priority order effective; bulk trades order for throughput. */
  public static Map<Lane, Integer> defaultPrefetch() {
    Map<Lane, Integer> prefetch = new EnumMap<>(Lane.class);
    prefetch.put(Lane.CRITICAL, 10);
    prefetch.put(Lane.STANDARD, 50);
    prefetch.put(Lane.BULK, 100);
    return prefetch;
  }

  public WorkersConfig {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(topology, "topology");
    masterData = masterData == null ? MasterDataPolicy.DEFAULT : masterData;
    Map<Lane, Integer> merged = new EnumMap<>(Lane.class);
    merged.putAll(defaultPrefetch());
    if (prefetch != null) {
      merged.putAll(prefetch);
    }
    merged.forEach((lane, value) -> {
      if (value < 1 || value > 5_000) {
        throw new IllegalArgumentException(
          "workers.prefetch." + lane.id() + " must be between 1 and 5000, was " + value);
      }
    });
    prefetch = Map.copyOf(merged);
  }
}
