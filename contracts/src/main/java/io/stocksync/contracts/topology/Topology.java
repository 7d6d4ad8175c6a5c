package io.stocksync.contracts.topology;

import io.stocksync.contracts.connect.BrokerDialect;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * Names and arguments of every exchange and queue stocksync uses, so that gateway and workers
 * declare exactly the same topology. The namespace prefixes every name; it lets several
 * environments (or test runs) share one broker without seeing each other's lanes.
 *
 * <pre>
 *   {ns}.events  (direct)  --routing key = lane id-->  {ns}.lane.critical | .standard | .bulk
 *   {ns}.dead    (fanout)  -------------------------->  {ns}.dead-letter
 * </pre>
 */
public record Topology(String namespace) {

  /** Highest message priority a lane honours; RabbitMQ recommends staying at or below 10. */
  public static final int MAX_PRIORITY = 9;

  /**
   * Qpid Broker-J dead-letters through the alternate exchange only once a message reaches its
   * maximum delivery count; it counts deliveries and rejects, but not deliveries that ended with a
   * consumer's channel closing. With 1, a reject dead-letters at once (as on RabbitMQ) while a
   * crashed consumer's messages are still redelivered.
   */
  public static final int QPID_MAX_DELIVERIES = 1;

  private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9-]{0,40}");

  public Topology {
    if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
        "broker.namespace must be lower-case letters, digits and '-', starting with a letter, at most 41 characters; was '"
          + namespace + "'");
    }
  }

  public static Topology defaults() {
    return new Topology("stocksync");
  }

  public String eventsExchange() {
    return namespace + ".events";
  }

  public String deadLetterExchange() {
    return namespace + ".dead";
  }

  public String deadLetterQueue() {
    return namespace + ".dead-letter";
  }

  public String laneQueue(Lane lane) {
    return namespace + ".lane." + lane.id();
  }

  public String routingKey(Lane lane) {
    return lane.id();
  }

  /**
   * Queue arguments for a lane in the broker's own dialect. Qpid Broker-J must run with
   * {@code queue.behaviourOnUnknownDeclareArgument=IGNORE}; RabbitMQ ignores the Qpid arguments.
   */
  public JsonObject laneArguments(BrokerDialect dialect) {
    JsonObject args = new JsonObject();
    switch (dialect) {
      case RABBITMQ -> args
        .put("x-max-priority", MAX_PRIORITY)
        .put("x-dead-letter-exchange", deadLetterExchange());
      case QPID -> args
        .put("x-qpid-priorities", MAX_PRIORITY + 1)
        .put("alternateExchange", deadLetterExchange())
        .put("x-qpid-maximum-delivery-count", QPID_MAX_DELIVERIES);
    }
    return args;
  }
}
