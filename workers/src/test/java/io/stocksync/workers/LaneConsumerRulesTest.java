package io.stocksync.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.BrokerDialect;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lane consumers' settings and how they read a broker's delivery count. */
class LaneConsumerRulesTest {

  private static final DatabaseConfig DB = new DatabaseConfig("db", 5432, "ledger", "u", "", 4);
  private static final BrokerConfig BROKER = new BrokerConfig("mq", 5672, "u", "", "/", BrokerDialect.RABBITMQ);
  private static final Topology TOPOLOGY = new Topology("stocksync");

  @Test
  void defaults_are_one_consumer_per_lane_and_five_deliveries() {
    WorkersConfig config = new WorkersConfig(DB, BROKER, TOPOLOGY, Map.of());

    assertThat(config.concurrency()).containsOnly(Map.entry(Lane.CRITICAL, 1), Map.entry(Lane.STANDARD, 1),
      Map.entry(Lane.BULK, 1));
    assertThat(config.maxDeliveries()).isEqualTo(5);
    assertThat(config.prefetch()).containsEntry(Lane.CRITICAL, 10);
  }

  @Test
  void refuses_concurrency_and_delivery_limits_out_of_range_naming_the_key() {
    assertThatThrownBy(() -> new WorkersConfig(DB, BROKER, TOPOLOGY, Map.of(), Map.of(Lane.BULK, 33), 5))
      .hasMessageContaining("workers.concurrency.bulk");
    assertThatThrownBy(() -> new WorkersConfig(DB, BROKER, TOPOLOGY, Map.of(), Map.of(), 0))
      .hasMessageContaining("workers.max-deliveries");
  }

  @Test
  void on_quorum_lanes_the_delivery_limit_stays_below_the_brokers_own() {
    Topology quorum = new Topology("stocksync", Topology.defaultMaxLength(), Topology.QueueType.QUORUM);

    assertThat(new WorkersConfig(DB, BROKER, quorum, Map.of(), Map.of(), 19).maxDeliveries()).isEqualTo(19);
    assertThatThrownBy(() -> new WorkersConfig(DB, BROKER, quorum, Map.of(), Map.of(), 20))
      .hasMessageContaining("workers.max-deliveries must be below 20 with lanes.queue-type quorum");
    assertThat(new WorkersConfig(DB, BROKER, TOPOLOGY, Map.of(), Map.of(), 50).maxDeliveries()).isEqualTo(50);
  }

  @Test
  void reads_the_quorum_delivery_count_whatever_its_number_type_and_nothing_without_it() {
    assertThat(DeliveryCounter.brokerDeliveryCount(Map.of("x-delivery-count", 4L))).contains(4);
    assertThat(DeliveryCounter.brokerDeliveryCount(Map.of("x-delivery-count", 2))).contains(2);
    assertThat(DeliveryCounter.brokerDeliveryCount(Map.of("x-stocksync-source", "wms"))).isEmpty();
    assertThat(DeliveryCounter.brokerDeliveryCount(null)).isEmpty();
  }
}
