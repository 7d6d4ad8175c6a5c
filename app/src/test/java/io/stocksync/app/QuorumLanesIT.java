package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import io.stocksync.embedded.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The quorum-queue lane option: the same flow, replicated lanes, no message priority. */
class QuorumLanesIT {

  @Test
  void events_flow_through_quorum_lanes_and_poison_is_dead_lettered() throws Exception {
    Assumptions.assumeTrue(TestServices.realRabbitMq(), TestServices.skipReasonWithoutRabbitMq());
    TestStack.laneType = Topology.QueueType.QUORUM;
    TestStack stack;
    try {
      stack = TestStack.start(true, true);
    } finally {
      TestStack.laneType = Topology.QueueType.CLASSIC;
    }
    try (stack) {
      assertThat(stack.postEvent(Events.receipt("wms-q", "Q-1", "SKU-Q", "DC-1", "4")).statusCode()).isEqualTo(202);
      assertThat(stack.postEvent(Events.shipment("wms-q", "Q-2", "SKU-Q", "DC-1", "1")).statusCode()).isEqualTo(202);
      try (Connection connection = BrokerTestAdmin.connect(stack.broker); Channel channel = connection.createChannel()) {
        channel.basicPublish(stack.topology.eventsExchange(), stack.topology.routingKey(Lane.STANDARD),
          new AMQP.BasicProperties.Builder().deliveryMode(2).build(), "garbage".getBytes(StandardCharsets.UTF_8));
      }

      await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.movements("SKU-Q") == 2);
      assertThat(stack.ledger.onHand("SKU-Q", "DC-1")).isEqualByComparingTo("3");
      await().atMost(Duration.ofSeconds(30))
        .until(() -> BrokerTestAdmin.messageCount(stack.broker, stack.topology.deadLetterQueue()) == 1);
    }
  }
}
