package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.embedded.TestServices;
import io.stocksync.workers.WorkersConfig;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Workers whose broker connection is cut reconnect by themselves, declare the topology again (a lane
 * deleted meanwhile exists again) and go on: what they held unacked at the cut is redelivered and
 * applied once, and events sent after the recovery are applied.
 */
class WorkerReconnectIT {

  static final String BLOCKED_APPLIES = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
    + " AND wait_event_type = 'Lock' AND query LIKE '%ledger_apply_event%'";
  static final int HELD = 5;

  @Test
  void workers_reconnect_redeclare_the_lanes_and_apply_what_they_held_once() throws Exception {
    Assumptions.assumeTrue(TestServices.realRabbitMq(), TestServices.skipReasonWithoutRabbitMq());
    BrokerConfig real = TestServices.broker();
    try (TcpProxy proxy = new TcpProxy(real.host(), real.port());
         TestStack stack = TestStack.start(true, false)) {
      // the gateway reaches the broker directly: only the workers' connections go through the proxy
      BrokerConfig viaProxy = new BrokerConfig("127.0.0.1", proxy.port(), real.username(), real.password(),
        real.virtualHost(), real.dialect());
      stack.node.deployWorkers(new WorkersConfig(stack.db, viaProxy, stack.topology, Map.of()));
      assertThat(stack.postEvent(Events.receipt("wms-reco", "BEFORE", "SKU-RECO", "DC-1", "1")).statusCode()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.movements("SKU-RECO") == 1);

      try (java.sql.Connection lock = DriverManager.getConnection(stack.db.jdbcUrl(), stack.db.user(), stack.db.password())) {
        // the workers take these events and cannot commit them while the lock is held: unacked at the cut
        lock.setAutoCommit(false);
        lock.createStatement().execute("LOCK TABLE inventory_event IN SHARE MODE");
        for (int i = 0; i < HELD; i++) {
          assertThat(stack.postEvent(Events.receipt("wms-reco", "HELD-" + i, "SKU-RECO", "DC-1", "10")).statusCode())
            .isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.count(BLOCKED_APPLIES) >= 1);

        proxy.cut();
        // the broker took back what the workers held
        await().atMost(Duration.ofSeconds(30)).until(() ->
          BrokerTestAdmin.messageCount(stack.broker, stack.topology.laneQueue(Lane.STANDARD)) == HELD);
        // an operator (or a broker that lost its state) removes a lane while the workers are away
        try (Connection admin = BrokerTestAdmin.connect(real); Channel channel = admin.createChannel()) {
          channel.queueDelete(stack.topology.laneQueue(Lane.BULK));
        }
        lock.rollback();
      }

      proxy.restore();
      await().atMost(Duration.ofSeconds(60)).until(() -> laneExists(real, stack.topology.laneQueue(Lane.BULK)));
      await().atMost(Duration.ofSeconds(60)).until(() -> stack.ledger.movements("SKU-RECO") == 1 + HELD);
      await().atMost(Duration.ofSeconds(30)).until(() ->
        BrokerTestAdmin.messageCount(stack.broker, stack.topology.laneQueue(Lane.STANDARD)) == 0);

      // after the recovery: the standard lane and the re-declared bulk lane are consumed again
      assertThat(stack.postEvent(Events.receipt("wms-reco", "AFTER", "SKU-RECO", "DC-1", "100")).statusCode()).isEqualTo(202);
      assertThat(stack.postEvent(Events.event("cycle-count", "wms-reco", "COUNT-1", "SKU-RECO-COUNT", "DC-1", "7", null))
        .statusCode()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(60)).until(() -> stack.ledger.movements("SKU-RECO") == 2 + HELD);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(stack.ledger.onHand("SKU-RECO-COUNT", "DC-1")).isEqualByComparingTo("7"));
      assertThat(stack.ledger.onHand("SKU-RECO", "DC-1")).isEqualByComparingTo(String.valueOf(1 + 10 * HELD + 100));
      assertThat(stack.ledger.count("SELECT count(*) FROM inventory_event WHERE source_system = 'wms-reco'"))
        .isEqualTo(3 + HELD);
      assertThat(stack.ledger.count("SELECT count(*) FROM failed_event")).isZero();
    }
  }

  static boolean laneExists(BrokerConfig broker, String queue) {
    try {
      BrokerTestAdmin.messageCount(broker, queue);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
