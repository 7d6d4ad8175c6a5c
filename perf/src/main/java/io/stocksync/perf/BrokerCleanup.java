package io.stocksync.perf;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;

/**
 * Deletes the lanes, dead-letter queue and exchanges of one broker namespace, so a benchmark run
 * with its own namespace leaves nothing behind on a shared broker. Runs after the stocksync
 * process has stopped; it is a command-line tool, so it uses the blocking client.
 *
 * <p>Arguments: host port user password namespace
 */
public final class BrokerCleanup {

  private BrokerCleanup() {
  }

  public static void main(String[] args) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(args[0]);
    factory.setPort(Integer.parseInt(args[1]));
    factory.setUsername(args[2]);
    factory.setPassword(args[3]);
    Topology topology = new Topology(args[4]);
    try (Connection connection = factory.newConnection("stocksync-perf-cleanup");
         Channel channel = connection.createChannel()) {
      for (Lane lane : Lane.values()) {
        channel.queueDelete(topology.laneQueue(lane));
      }
      channel.queueDelete(topology.deadLetterQueue());
      channel.exchangeDelete(topology.eventsExchange());
      channel.exchangeDelete(topology.deadLetterExchange());
    }
    System.out.println("deleted the queues and exchanges of namespace " + args[4]);
  }
}
