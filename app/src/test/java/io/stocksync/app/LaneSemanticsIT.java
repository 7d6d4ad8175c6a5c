package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.stocksync.contracts.topology.Lane;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Broker semantics the lanes rely on: priority order inside a lane and dead-lettering of messages
 * a worker cannot read. They run against whichever broker the tests use; CI uses the machine's
 * real RabbitMQ, where they must pass.
 */
class LaneSemanticsIT {

  @Test
  void higher_priority_events_leave_a_lane_first() throws Exception {
    try (TestStack stack = TestStack.start(true, false)) {
      // adjustments go to the standard lane with priority 4, receipts with priority 5
      for (int i = 0; i < 3; i++) {
        assertThat(stack.postEvent(Events.adjustment("wms-prio", "ADJ-" + i, "SKU-PRIO", "DC-1", "1", "COUNT"))
          .statusCode()).isEqualTo(202);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(stack.postEvent(Events.receipt("wms-prio", "RCV-" + i, "SKU-PRIO", "DC-1", "1")).statusCode())
          .isEqualTo(202);
      }

      List<String> order = new ArrayList<>();
      try (Connection connection = BrokerTestAdmin.connect(stack.broker); Channel channel = connection.createChannel()) {
        for (int i = 0; i < 6; i++) {
          GetResponse message = channel.basicGet(stack.topology.laneQueue(Lane.STANDARD), true);
          assertThat(message).isNotNull();
          order.add(message.getProps().getType());
        }
      }
      assertThat(order).containsExactly("receipt", "receipt", "receipt", "adjustment", "adjustment", "adjustment");
    }
  }

  @Test
  void a_message_no_worker_can_read_is_dead_lettered_and_the_lane_moves_on() throws Exception {
    try (TestStack stack = TestStack.start(true, true)) {
      try (Connection connection = BrokerTestAdmin.connect(stack.broker); Channel channel = connection.createChannel()) {
        channel.basicPublish(stack.topology.eventsExchange(), stack.topology.routingKey(Lane.STANDARD),
          new AMQP.BasicProperties.Builder().deliveryMode(2).messageId("garbage-1").build(),
          "this is not an event".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(stack.postEvent(Events.receipt("wms-dead", "RCV-AFTER", "SKU-DEAD", "DC-1", "1")).statusCode())
        .isEqualTo(202);

      await().atMost(Duration.ofSeconds(30))
        .until(() -> BrokerTestAdmin.messageCount(stack.broker, stack.topology.deadLetterQueue()) == 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.movements("SKU-DEAD") == 1);
      assertThat(stack.node.counters().deadLettered()).isEqualTo(1);
      try (Connection connection = BrokerTestAdmin.connect(stack.broker); Channel channel = connection.createChannel()) {
        GetResponse dead = channel.basicGet(stack.topology.deadLetterQueue(), true);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("this is not an event");
        assertThat(dead.getProps().getMessageId()).isEqualTo("garbage-1");
      }
    }
  }
}
