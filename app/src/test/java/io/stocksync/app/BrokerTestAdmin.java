package io.stocksync.app;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;

/** Plain AMQP client access to the test broker, for setting up and cleaning up behind stocksync's back. */
final class BrokerTestAdmin {

  private BrokerTestAdmin() {
  }

  static Connection connect(BrokerConfig broker) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(broker.host());
    factory.setPort(broker.port());
    factory.setUsername(broker.username());
    factory.setPassword(broker.password());
    factory.setVirtualHost(broker.virtualHost());
    factory.setAutomaticRecoveryEnabled(false);
    try {
      return factory.newConnection("stocksync-test-admin");
    } catch (Exception e) {
      throw new IllegalStateException("cannot reach test broker " + broker + ": " + e.getMessage(), e);
    }
  }

  static long messageCount(BrokerConfig broker, String queue) {
    try (Connection connection = connect(broker); Channel channel = connection.createChannel()) {
      return channel.queueDeclarePassive(queue).getMessageCount();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTopology(BrokerConfig broker, Topology topology) {
    try (Connection connection = connect(broker)) {
      for (Lane lane : Lane.values()) {
        deleteQuietly(connection, channel -> channel.queueDelete(topology.laneQueue(lane)));
      }
      deleteQuietly(connection, channel -> channel.queueDelete(topology.deadLetterQueue()));
      deleteQuietly(connection, channel -> channel.exchangeDelete(topology.eventsExchange()));
      deleteQuietly(connection, channel -> channel.exchangeDelete(topology.deadLetterExchange()));
    } catch (Exception e) {
      // cleanup is best effort: a namespaced leftover harms no other test
    }
  }

  private interface ChannelAction {
    void run(Channel channel) throws Exception;
  }

  private static void deleteQuietly(Connection connection, ChannelAction action) {
    try (Channel channel = connection.createChannel()) {
      action.run(channel);
    } catch (Exception e) {
      // a missing queue or exchange closes the channel; the next action gets a new one
    }
  }
}
