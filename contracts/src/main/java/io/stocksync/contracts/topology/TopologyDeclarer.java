package io.stocksync.contracts.topology;

import io.stocksync.contracts.connect.BrokerDialect;
import io.vertx.core.Future;
import io.vertx.rabbitmq.RabbitMQClient;

/**
 * Declares the whole topology, idempotently. Gateway and workers both call it after every
 * (re)connection, so neither depends on the other having started first.
 */
public final class TopologyDeclarer {

  private TopologyDeclarer() {
  }

  /** The same declarations on a plain channel, for code that owns one; blocking, so not on an event loop. */
  public static void declare(com.rabbitmq.client.Channel channel, Topology topology, BrokerDialect dialect)
      throws java.io.IOException {
    channel.exchangeDeclare(topology.deadLetterExchange(), "fanout", true, false, null);
    channel.queueDeclare(topology.deadLetterQueue(), true, false, false, null);
    channel.queueBind(topology.deadLetterQueue(), topology.deadLetterExchange(), "");
    channel.exchangeDeclare(topology.eventsExchange(), "direct", true, false, null);
    for (Lane lane : Lane.values()) {
      channel.queueDeclare(topology.laneQueue(lane), true, false, false, topology.laneArguments(lane, dialect).getMap());
      channel.queueBind(topology.laneQueue(lane), topology.eventsExchange(), topology.routingKey(lane));
    }
  }

  public static Future<Void> declare(RabbitMQClient client, Topology topology, BrokerDialect dialect) {
    Future<Void> chain = client.exchangeDeclare(topology.deadLetterExchange(), "fanout", true, false)
      .compose(v -> client.queueDeclare(topology.deadLetterQueue(), true, false, false))
      .compose(ok -> client.queueBind(topology.deadLetterQueue(), topology.deadLetterExchange(), ""))
      .compose(v -> client.exchangeDeclare(topology.eventsExchange(), "direct", true, false));
    for (Lane lane : Lane.values()) {
      chain = chain
        .compose(v -> client.queueDeclare(topology.laneQueue(lane), true, false, false, topology.laneArguments(lane, dialect)))
        .compose(ok -> client.queueBind(topology.laneQueue(lane), topology.eventsExchange(), topology.routingKey(lane)));
    }
    return chain;
  }
}
