package io.stocksync.contracts.topology;

import io.stocksync.contracts.connect.BrokerDialect;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
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
public record Topology(String namespace, Map<Lane, Long> maxLength, QueueType queueType) {

  /**
   * Classic lanes order work by message priority. Quorum lanes replicate across a RabbitMQ cluster
   * but, on RabbitMQ 3.x, ignore message priority: order inside a lane is then arrival order.
   */
  public enum QueueType {
    CLASSIC,
    QUORUM;

    public static QueueType parse(String value) {
      for (QueueType type : values()) {
        if (type.name().equalsIgnoreCase(value)) {
          return type;
        }
      }
      throw new IllegalArgumentException("lanes.queue-type must be classic or quorum, was '" + value + "'");
    }
  }

  /** A quorum lane dead-letters a message after this many deliveries (RabbitMQ's x-delivery-limit). */
  public static final int QUORUM_DELIVERY_LIMIT = 20;

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

  /** Default lane lengths: a full lane refuses new events (503 for that lane) instead of exhausting the broker. */
  public static Map<Lane, Long> defaultMaxLength() {
    Map<Lane, Long> lengths = new EnumMap<>(Lane.class);
    lengths.put(Lane.CRITICAL, 100_000L);
    lengths.put(Lane.STANDARD, 1_000_000L);
    lengths.put(Lane.BULK, 5_000_000L);
    return lengths;
  }

  public Topology(String namespace) {
    this(namespace, defaultMaxLength(), QueueType.CLASSIC);
  }

  public Topology(String namespace, Map<Lane, Long> maxLength) {
    this(namespace, maxLength, QueueType.CLASSIC);
  }

  public Topology {
    Map<Lane, Long> merged = new EnumMap<>(Lane.class);
    merged.putAll(defaultMaxLength());
    if (maxLength != null) {
      merged.putAll(maxLength);
    }
    merged.forEach((lane, length) -> {
      if (length < 1 || length > 1_000_000_000L) {
        throw new IllegalArgumentException("lanes." + lane.id() + ".max-length must be between 1 and 1000000000, was "
          + length);
      }
    });
    maxLength = Map.copyOf(merged);
    queueType = queueType == null ? QueueType.CLASSIC : queueType;
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
  public JsonObject laneArguments(Lane lane, BrokerDialect dialect) {
    JsonObject args = new JsonObject();
    long length = maxLength.get(lane);
    if (queueType == QueueType.QUORUM) {
      if (dialect != BrokerDialect.RABBITMQ) {
        throw new IllegalArgumentException("lanes.queue-type quorum needs RabbitMQ (broker.dialect rabbitmq)");
      }
      return args
        .put("x-queue-type", "quorum")
        .put("x-dead-letter-exchange", deadLetterExchange())
        .put("x-delivery-limit", QUORUM_DELIVERY_LIMIT)
        .put("x-max-length", length)
        .put("x-overflow", "reject-publish");
    }
    switch (dialect) {
      case RABBITMQ -> args
        .put("x-max-priority", MAX_PRIORITY)
        .put("x-dead-letter-exchange", deadLetterExchange())
        // a full lane nacks new publishes, which the gateway turns into 503 for that lane only
        .put("x-max-length", length)
        .put("x-overflow", "reject-publish");
      case QPID -> args
        .put("x-qpid-priorities", MAX_PRIORITY + 1)
        .put("alternateExchange", deadLetterExchange())
        // no length limit here: Qpid's reject policy confirmed publishes it did not keep, which would
        // turn a 202 into a lost event; the embedded broker is for development, limits are a RabbitMQ feature
        .put("x-qpid-maximum-delivery-count", QPID_MAX_DELIVERIES);
    }
    return args;
  }
}
