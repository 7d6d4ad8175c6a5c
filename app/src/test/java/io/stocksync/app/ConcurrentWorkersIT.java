package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocksync.contracts.topology.Lane;
import io.stocksync.workers.WorkersConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two worker nodes, each with its own broker connections and database pool, consume the same lanes
 * and apply events for one item and location at the same time: every event is applied once and the
 * balance equals the sum of its movements.
 */
class ConcurrentWorkersIT {

  static final int BATCHES = 4;
  static final int PER_BATCH = 100;

  @Test
  void two_worker_nodes_on_the_same_lanes_apply_every_event_for_one_item_once() throws Exception {
    try (TestStack stack = TestStack.start(true, true); Node second = Node.create()) {
      // the second node also runs two consumers on the lanes these events use
      second.deployWorkers(new WorkersConfig(stack.db, stack.broker, stack.topology, Map.of(),
        Map.of(Lane.CRITICAL, 2, Lane.STANDARD, 2), WorkersConfig.DEFAULT_MAX_DELIVERIES));
      long expected = 0;
      for (int batch = 0; batch < BATCHES; batch++) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < PER_BATCH; i++) {
          String key = "C-" + batch + "-" + i;
          // receipts on the standard lane, shipments on the critical lane: both lanes change one balance
          boolean receipt = i % 3 != 0;
          int quantity = 1 + i % 7;
          expected += receipt ? quantity : -quantity;
          body.append(i == 0 ? "" : ",").append(receipt
            ? Events.receipt("wms-conc", key, "SKU-CONC", "DC-1", String.valueOf(quantity))
            : Events.shipment("wms-conc", key, "SKU-CONC", "DC-1", String.valueOf(quantity)));
        }
        HttpResponse<String> answer = stack.post("/v1/events:batch", "application/json", body.append("]").toString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
      }

      int events = BATCHES * PER_BATCH;
      await().atMost(Duration.ofSeconds(120)).until(() -> stack.ledger.movements("SKU-CONC") == events);
      await().atMost(Duration.ofSeconds(30)).until(() ->
        BrokerTestAdmin.messageCount(stack.broker, stack.topology.laneQueue(Lane.STANDARD)) == 0
          && BrokerTestAdmin.messageCount(stack.broker, stack.topology.laneQueue(Lane.CRITICAL)) == 0);
      assertThat(stack.ledger.movements("SKU-CONC")).isEqualTo(events);
      assertThat(stack.ledger.count("SELECT count(*) FROM inventory_event WHERE source_system = 'wms-conc'"))
        .isEqualTo(events);
      assertThat(stack.ledger.onHand("SKU-CONC", "DC-1")).isEqualByComparingTo(String.valueOf(expected));
      assertThat(stack.ledger.count("SELECT count(*) FROM balance b WHERE b.quantity <> (SELECT coalesce(sum(m.quantity), 0)"
        + " FROM movement m WHERE (m.item, m.location, m.lot, m.owner, m.state, m.unit)"
        + " = (b.item, b.location, b.lot, b.owner, b.state, b.unit))")).isZero();
      assertThat(stack.ledger.sumOfMovements("SKU-CONC", "DC-1")).isEqualByComparingTo(String.valueOf(expected));
      assertThat(stack.node.counters().applied()).as("applied by the first node").isPositive();
      assertThat(second.counters().applied()).as("applied by the second node").isPositive();
      assertThat(stack.node.counters().applied() + second.counters().applied()).isEqualTo(events);
    }
  }
}
