package io.stocksync.workers;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the workers role needs: the ledger database, the broker, and per lane how many unacked
 * messages a consumer may hold (its prefetch, which is also how many events it applies at once) and
 * how many consumers the lane gets (each with its own connection, channel and prefetch); how many
 * deliveries a message gets before it is dead-lettered as poison; and what master data and stock
 * an event must find.
 */
public record WorkersConfig(DatabaseConfig database, BrokerConfig broker, Topology topology, Map<Lane, Integer> prefetch,
    Map<Lane, Integer> concurrency, int maxDeliveries, MasterDataPolicy masterData) {

  public static final int DEFAULT_MAX_DELIVERIES = 5;
  public static final int MAX_CONCURRENCY = 32;

  /** Small prefetch on critical keeps its priority order effective; bulk trades order for throughput. */
  public static Map<Lane, Integer> defaultPrefetch() {
    Map<Lane, Integer> prefetch = new EnumMap<>(Lane.class);
    prefetch.put(Lane.CRITICAL, 10);
    prefetch.put(Lane.STANDARD, 50);
    prefetch.put(Lane.BULK, 100);
    return prefetch;
  }

  /**
   * Default prefetch and concurrency, the default delivery limit, and the default master-data
   * policy (locations as sent unless known, negative on-hand allowed).
   */
  public WorkersConfig(DatabaseConfig database, BrokerConfig broker, Topology topology, Map<Lane, Integer> prefetch) {
    this(database, broker, topology, prefetch, Map.of(), DEFAULT_MAX_DELIVERIES, MasterDataPolicy.DEFAULT);
  }

  /** Default concurrency and delivery limit with the given master-data policy. */
  public WorkersConfig(DatabaseConfig database, BrokerConfig broker, Topology topology, Map<Lane, Integer> prefetch,
      MasterDataPolicy masterData) {
    this(database, broker, topology, prefetch, Map.of(), DEFAULT_MAX_DELIVERIES, masterData);
  }

  /** The given concurrency and delivery limit with the default master-data policy. */
  public WorkersConfig(DatabaseConfig database, BrokerConfig broker, Topology topology, Map<Lane, Integer> prefetch,
      Map<Lane, Integer> concurrency, int maxDeliveries) {
    this(database, broker, topology, prefetch, concurrency, maxDeliveries, MasterDataPolicy.DEFAULT);
  }

  public WorkersConfig {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(topology, "topology");
    masterData = masterData == null ? MasterDataPolicy.DEFAULT : masterData;
    prefetch = perLane(prefetch, defaultPrefetch(), "workers.prefetch.", 5_000);
    Map<Lane, Integer> one = new EnumMap<>(Lane.class);
    for (Lane lane : Lane.values()) {
      one.put(lane, 1);
    }
    concurrency = perLane(concurrency, one, "workers.concurrency.", MAX_CONCURRENCY);
    if (maxDeliveries < 1 || maxDeliveries > 1_000) {
      throw new IllegalArgumentException("workers.max-deliveries must be between 1 and 1000, was " + maxDeliveries);
    }
    if (topology.queueType() == Topology.QueueType.QUORUM && maxDeliveries >= Topology.QUORUM_DELIVERY_LIMIT) {
      // the broker's own limit would dead-letter the message first, with no failed_event to replay it from
      throw new IllegalArgumentException("workers.max-deliveries must be below " + Topology.QUORUM_DELIVERY_LIMIT
        + " with lanes.queue-type quorum (the lanes' x-delivery-limit), was " + maxDeliveries);
    }
  }

  private static Map<Lane, Integer> perLane(Map<Lane, Integer> values, Map<Lane, Integer> defaults, String key, int max) {
    Map<Lane, Integer> merged = new EnumMap<>(Lane.class);
    merged.putAll(defaults);
    if (values != null) {
      merged.putAll(values);
    }
    merged.forEach((lane, value) -> {
      if (value < 1 || value > max) {
        throw new IllegalArgumentException(key + lane.id() + " must be between 1 and " + max + ", was " + value);
      }
    });
    return Map.copyOf(merged);
  }

  /** The same settings with another delivery limit. */
  public WorkersConfig withMaxDeliveries(int limit) {
    return new WorkersConfig(database, broker, topology, prefetch, concurrency, limit, masterData);
  }
}
