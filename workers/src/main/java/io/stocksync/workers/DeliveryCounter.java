package io.stocksync.workers;

import io.stocksync.contracts.topology.Lane;
import io.vertx.core.Future;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many times a lane message was delivered, so that one that never reaches its ack is not
 * redelivered forever. A first delivery costs nothing; a redelivery is counted by the broker on a
 * quorum queue ({@code x-delivery-count}) and in PostgreSQL ({@code delivery_attempt}) otherwise.
 */
final class DeliveryCounter {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryCounter.class);
  /** Set by RabbitMQ on redeliveries from a quorum queue: how often the message was returned. */
  static final String DELIVERY_COUNT_HEADER = "x-delivery-count";

  /** Deliveries so far, this one included; {@code counted} when a delivery_attempt row holds them. */
  record Deliveries(int count, boolean counted) {
    static final Deliveries FIRST = new Deliveries(1, false);
  }

  private final DeliveryAttemptRepository attempts;
  private final Lane lane;

  DeliveryCounter(DeliveryAttemptRepository attempts, Lane lane) {
    this.attempts = attempts;
    this.lane = lane;
  }

  /**
   * Counts this delivery. Never fails: when the database cannot count, the event goes on as if
   * delivered once (its apply then waits for the database like any other), so the bound never loses
   * an event.
   */
  Future<Deliveries> count(RabbitMQMessage message, UUID transactionId) {
    if (!message.envelope().isRedeliver()) {
      return Future.succeededFuture(Deliveries.FIRST);
    }
    Optional<Integer> returned = brokerDeliveryCount(message.properties().getHeaders());
    if (returned.isPresent()) {
      return Future.succeededFuture(new Deliveries(returned.get() + 1, false));
    }
    return attempts.countRedelivery(transactionId, lane)
      .map(count -> new Deliveries(count, true))
      .recover(e -> {
        LOG.warn("lane {}: could not count the redelivery of {}: {}", lane.id(), transactionId, e.toString());
        return Future.succeededFuture(Deliveries.FIRST);
      });
  }

  /** The message was acked or dead-lettered: its count, if it had one, is no longer needed. */
  void forget(Deliveries deliveries, UUID transactionId) {
    if (deliveries.counted()) {
      attempts.forget(transactionId)
        .onFailure(e -> LOG.warn("lane {}: delivery count of {} not removed: {}", lane.id(), transactionId, e.toString()));
    }
  }

  /** The broker's count of earlier deliveries of a message, when the queue keeps one (quorum). */
  static Optional<Integer> brokerDeliveryCount(Map<String, Object> headers) {
    if (headers == null || !(headers.get(DELIVERY_COUNT_HEADER) instanceof Number count)) {
      return Optional.empty();
    }
    return Optional.of(count.intValue());
  }
}
