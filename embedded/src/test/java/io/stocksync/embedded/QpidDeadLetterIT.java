package io.stocksync.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins down how Qpid Broker-J dead-letters, since topology for the QPID dialect depends on it:
 * {@code alternateExchange} plus {@code x-qpid-maximum-delivery-count}, where Qpid counts each
 * delivery and each reject, and does not count a delivery that ended with the channel closing.
 */
class QpidDeadLetterIT {

  private static EmbeddedBroker broker;
  private static Connection connection;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedBroker.start(null, 0);
    connection = Amqp.connect(broker.config());
  }

  @AfterAll
  static void stopBroker() throws Exception {
    connection.close();
    broker.close();
  }

  @Test
  void dead_letters_on_the_first_reject_when_the_maximum_delivery_count_is_1() throws Exception {
    Lane lane = Lane.declare(connection.createChannel(), 1);
    lane.publish("poison");

    lane.rejectNext();

    assertThat(Amqp.body(lane.channel.basicGet(lane.dead, true))).isEqualTo("poison");
    assertThat(lane.channel.basicGet(lane.queue, true)).isNull();
  }

  @Test
  void dead_letters_on_the_third_reject_when_the_maximum_delivery_count_is_5() throws Exception {
    Lane lane = Lane.declare(connection.createChannel(), 5);
    lane.publish("poison");

    lane.rejectNext();
    lane.rejectNext();
    assertThat(lane.channel.basicGet(lane.dead, true)).as("dead queue after two rejects").isNull();
    lane.rejectNext();

    assertThat(Amqp.body(lane.channel.basicGet(lane.dead, true))).isEqualTo("poison");
  }

  @Test
  void redelivers_without_limit_when_consumers_die_before_acking() throws Exception {
    Lane lane = Lane.declare(connection.createChannel(), 1);
    lane.publish("crasher");

    for (int delivery = 1; delivery <= 4; delivery++) {
      Channel consumer = connection.createChannel();
      GetResponse response = consumer.basicGet(lane.queue, false);
      assertThat(Amqp.body(response)).as("delivery %d", delivery).isEqualTo("crasher");
      assertThat(response.getEnvelope().isRedeliver()).isEqualTo(delivery > 1);
      consumer.close(); // the consumer "crashes": no ack, no reject
    }

    assertThat(lane.channel.basicGet(lane.dead, true)).isNull();
  }

  /** A work queue whose rejected messages go through a fanout exchange to a dead queue, the Qpid way. */
  private record Lane(Channel channel, String queue, String dead) {

    static Lane declare(Channel channel, int maximumDeliveryCount) throws Exception {
      String name = "stocksync.test." + UUID.randomUUID();
      channel.exchangeDeclare(name + ".dlx", "fanout", true);
      channel.queueDeclare(name + ".dead", true, false, false, null);
      channel.queueBind(name + ".dead", name + ".dlx", "");
      channel.queueDeclare(name, true, false, false, Map.of(
        "alternateExchange", name + ".dlx",
        "x-qpid-maximum-delivery-count", maximumDeliveryCount));
      return new Lane(channel, name, name + ".dead");
    }

    void publish(String body) throws Exception {
      Amqp.publishConfirmed(channel, queue, body, 0);
    }

    void rejectNext() throws Exception {
      GetResponse response = channel.basicGet(queue, false);
      assertThat(response).as("a message to reject on " + queue).isNotNull();
      channel.basicNack(response.getEnvelope().getDeliveryTag(), false, false);
    }
  }
}
