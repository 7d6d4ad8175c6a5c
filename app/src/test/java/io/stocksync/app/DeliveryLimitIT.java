package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import io.stocksync.embedded.TestServices;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A message that never gets acknowledged, because it takes its worker down on every delivery, is
 * not redelivered forever: past {@code workers.max-deliveries} it is kept in failed_event with its
 * cause and dead-lettered, and the lane moves on.
 */
class DeliveryLimitIT {

  private static final String BLOCKED_APPLIES = WorkerReconnectIT.BLOCKED_APPLIES;

  @Test
  void a_message_that_kills_its_worker_on_every_delivery_is_dead_lettered_with_its_cause_after_the_limit()
      throws Exception {
    Assumptions.assumeTrue(TestServices.realRabbitMq(), TestServices.skipReasonWithoutRabbitMq());
    assertThat(WorkerCrashIT.JAR).as("the packaged jar (mvn verify builds it before integration tests)").exists();
    Map<String, String> settings = Map.of("STOCKSYNC_WORKERS_MAX_DELIVERIES", "2");
    try (TestStack stack = TestStack.start(true, false);
         java.sql.Connection lock = DriverManager.getConnection(stack.db.jdbcUrl(), stack.db.user(), stack.db.password())) {
      // while this lock is held, a worker that took the event is stuck before its commit, hence before its ack
      lock.setAutoCommit(false);
      lock.createStatement().execute("LOCK TABLE inventory_event IN SHARE MODE");
      assertThat(stack.postEvent(Events.receipt("wms-limit", "LIM-1", "SKU-LIMIT", "DC-1", "3")).statusCode())
        .isEqualTo(202);

      for (int delivery = 1; delivery <= 2; delivery++) {
        WorkerCrashIT.WorkersProcess worker = WorkerCrashIT.WorkersProcess.start(stack, settings);
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.ledger.count(BLOCKED_APPLIES) == 1);
        worker.kill();
        // the killed worker's statement would still commit once the lock goes: end it as the crash would have
        stack.ledger.count("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
          + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()) t");
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.count(BLOCKED_APPLIES) == 0);
      }

      WorkerCrashIT.WorkersProcess third = WorkerCrashIT.WorkersProcess.start(stack, settings);
      try {
        await().atMost(Duration.ofSeconds(60)).until(() ->
          stack.ledger.count("SELECT count(*) FROM failed_event WHERE source_system = 'wms-limit'"
            + " AND transaction_key = 'LIM-1' AND status = 'failed' AND attempts = 2"
            + " AND cause = 'delivered 2 times without being acknowledged'") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
          BrokerTestAdmin.messageCount(stack.broker, stack.topology.deadLetterQueue()) == 1);
        assertThat(BrokerTestAdmin.messageCount(stack.broker, stack.topology.laneQueue(Lane.STANDARD))).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.count("SELECT count(*) FROM delivery_attempt") == 0);
        assertThat(stack.ledger.count(BLOCKED_APPLIES)).as("the third worker did not try it").isZero();

        lock.rollback();
        assertThat(stack.postEvent(Events.receipt("wms-limit", "LIM-2", "SKU-LIMIT-NEXT", "DC-1", "1")).statusCode())
          .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.ledger.movements("SKU-LIMIT-NEXT") == 1);
        assertThat(stack.ledger.movements("SKU-LIMIT")).isZero();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("the third worker wrote:\n" + third.output(), e);
      } finally {
        third.kill();
      }
    }
  }

  @Test
  void on_quorum_lanes_the_broker_delivery_count_bounds_a_message_no_consumer_acks() throws Exception {
    Assumptions.assumeTrue(TestServices.realRabbitMq(), TestServices.skipReasonWithoutRabbitMq());
    TestStack.laneType = Topology.QueueType.QUORUM;
    TestStack stack;
    try {
      stack = TestStack.start(true, false);
    } finally {
      TestStack.laneType = Topology.QueueType.CLASSIC;
    }
    try (stack) {
      assertThat(stack.postEvent(Events.receipt("wms-qlimit", "QL-1", "SKU-QLIMIT", "DC-1", "3")).statusCode())
        .isEqualTo(202);
      String lane = stack.topology.laneQueue(Lane.STANDARD);
      // five consumers take the message and die before their ack
      for (int delivery = 1; delivery <= 5; delivery++) {
        Connection connection = BrokerTestAdmin.connect(stack.broker);
        Channel channel = connection.createChannel();
        GetResponse taken = await().atMost(Duration.ofSeconds(30)).until(() -> channel.basicGet(lane, false), r -> r != null);
        assertThat(new String(taken.getBody(), StandardCharsets.UTF_8)).contains("QL-1");
        connection.abort();
      }

      stack.startWorkers();

      await().atMost(Duration.ofSeconds(30)).until(() ->
        stack.ledger.count("SELECT count(*) FROM failed_event WHERE transaction_key = 'QL-1' AND attempts = 5"
          + " AND cause = 'delivered 5 times without being acknowledged'") == 1);
      await().atMost(Duration.ofSeconds(30)).until(() ->
        BrokerTestAdmin.messageCount(stack.broker, stack.topology.deadLetterQueue()) == 1);
      assertThat(stack.ledger.movements("SKU-QLIMIT")).isZero();
      assertThat(stack.ledger.count("SELECT count(*) FROM delivery_attempt")).isZero();
    }
  }

  @Test
  void a_message_past_the_limit_whose_event_the_ledger_holds_is_acked_as_a_duplicate_not_failed() throws Exception {
    try (TestStack stack = TestStack.start(true, false)) {
      var posted = stack.postEvent(Events.receipt("wms-acklost", "AL-1", "SKU-ACKLOST", "DC-1", "3"));
      assertThat(posted.statusCode()).isEqualTo(202);
      String id = new io.vertx.core.json.JsonObject(posted.body()).getString("transactionId");
      // an earlier delivery committed the event and lost its ack, again and again
      stack.ledger.update("INSERT INTO inventory_event (transaction_id, source_system, transaction_key, event_type, lane,"
        + " occurred_at, received_at, payload) VALUES ('" + id + "', 'wms-acklost', 'AL-1', 'receipt', 'standard',"
        + " now(), now(), '{}')");
      stack.ledger.update("INSERT INTO delivery_attempt (transaction_id, lane, deliveries) VALUES ('" + id
        + "', 'standard', 9)");
      String lane = stack.topology.laneQueue(Lane.STANDARD);
      Connection connection = BrokerTestAdmin.connect(stack.broker);
      Channel channel = connection.createChannel();
      GetResponse taken = await().atMost(Duration.ofSeconds(30)).until(() -> channel.basicGet(lane, false), r -> r != null);
      assertThat(new String(taken.getBody(), StandardCharsets.UTF_8)).contains("AL-1");
      connection.abort();

      stack.startWorkers();

      await().atMost(Duration.ofSeconds(30)).until(() -> BrokerTestAdmin.messageCount(stack.broker, lane) == 0
        && stack.ledger.count("SELECT count(*) FROM delivery_attempt") == 0);
      assertThat(stack.ledger.count("SELECT count(*) FROM failed_event")).isZero();
      assertThat(BrokerTestAdmin.messageCount(stack.broker, stack.topology.deadLetterQueue())).isZero();
      assertThat(stack.ledger.movements("SKU-ACKLOST")).isZero();
    }
  }
}
