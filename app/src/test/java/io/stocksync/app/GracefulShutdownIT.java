package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocksync.contracts.topology.Lane;
import io.stocksync.workers.WorkersConfig;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Workers stopped while they hold events: what they committed is acked (never delivered again),
 * what they had not started goes back to the lane, and the next workers apply it. Nothing is lost,
 * nothing doubled.
 */
class GracefulShutdownIT {

  static final int EVENTS = 200;

  @Test
  void stopping_workers_with_events_in_flight_acks_what_they_committed_and_leaves_the_rest_in_the_lane()
      throws Exception {
    try (TestStack stack = TestStack.start(true, false)) {
      String lane = stack.topology.laneQueue(Lane.STANDARD);
      Node workers = Node.create();
      try (java.sql.Connection lock = DriverManager.getConnection(stack.db.jdbcUrl(), stack.db.user(), stack.db.password())) {
        // the workers take their prefetch (50) of the standard lane and cannot commit until the lock goes
        lock.setAutoCommit(false);
        lock.createStatement().execute("LOCK TABLE inventory_event IN SHARE MODE");
        workers.deployWorkers(new WorkersConfig(stack.db, stack.broker, stack.topology, Map.of()));
        for (int batch = 0; batch < EVENTS / 100; batch++) {
          StringBuilder body = new StringBuilder("[");
          for (int i = 0; i < 100; i++) {
            body.append(i == 0 ? "" : ",").append(Events.receipt("wms-stop", "S-" + batch + "-" + i, "SKU-STOP", "DC-1", "1"));
          }
          HttpResponse<String> answer = stack.post("/v1/events:batch", "application/json", body.append("]").toString());
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.count(WorkerReconnectIT.BLOCKED_APPLIES) >= 1);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(workers::close);
        await().atMost(Duration.ofSeconds(30)).until(() -> !workers.counters().allLanesConsuming());
        assertThat(stopped).isNotDone();
        lock.rollback();
        stopped.get(60, TimeUnit.SECONDS);
      }

      long committed = stack.ledger.movements("SKU-STOP");
      long left = BrokerTestAdmin.messageCount(stack.broker, lane);
      assertThat(committed).as("in flight at the stop, committed and acked").isPositive();
      assertThat(left).as("not started, back in the lane").isPositive();
      assertThat(committed + left).as("every event either committed and acked, or in the lane").isEqualTo(EVENTS);

      stack.startWorkers();
      await().atMost(Duration.ofSeconds(60)).until(() -> stack.ledger.movements("SKU-STOP") == EVENTS);
      await().atMost(Duration.ofSeconds(30)).until(() -> BrokerTestAdmin.messageCount(stack.broker, lane) == 0);
      assertThat(stack.node.counters().applied()).isEqualTo(left);
      assertThat(stack.node.counters().duplicates()).as("no committed event came back").isZero();
      assertThat(stack.ledger.onHand("SKU-STOP", "DC-1")).isEqualByComparingTo(String.valueOf(EVENTS));
    }
  }
}
