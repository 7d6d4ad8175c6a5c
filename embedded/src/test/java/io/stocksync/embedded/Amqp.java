package io.stocksync.embedded;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.stocksync.contracts.connect.BrokerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/** The plain RabbitMQ Java client pointed at a {@link BrokerConfig}, as production clients see a broker. */
final class Amqp {

  private Amqp() {
  }

  static Connection connect(BrokerConfig config) throws IOException, TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(config.host());
    factory.setPort(config.port());
    factory.setUsername(config.username());
    factory.setPassword(config.password());
    factory.setVirtualHost(config.virtualHost());
    factory.setAutomaticRecoveryEnabled(false);
    return factory.newConnection("stocksync-embedded-test");
  }

  /** Publishes persistently and waits for the broker's confirm, so a following get sees the message. */
  static void publishConfirmed(Channel channel, String queue, String body, int priority) throws Exception {
    channel.confirmSelect();
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(2).priority(priority).build();
    channel.basicPublish("", queue, properties, body.getBytes(StandardCharsets.UTF_8));
    channel.waitForConfirmsOrDie(5_000);
  }

  static String body(GetResponse response) {
    return response == null ? null : new String(response.getBody(), StandardCharsets.UTF_8);
  }
}
