package io.stocksync.gateway;

import com.rabbitmq.client.AMQP;
import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.LaneMessageCodec;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import io.stocksync.contracts.topology.TopologyDeclarer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConfirmation;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events persistently to their lane and completes each publish only when the broker
 * confirmed it. Confirms are pipelined: many publishes are in flight on one channel and the
 * broker's (possibly batched) confirms complete them. A publish that is nacked, times out or is
 * caught by a connection loss fails, and the caller answers 503: nothing is reported accepted
 * that the broker did not confirm.
 *
 * <p>Use one instance per event-loop context: the channel's delivery tags are only meaningful in
 * publish order.
 */
public final class LanePublisher {

  private static final Logger LOG = LoggerFactory.getLogger(LanePublisher.class);

  private final Vertx vertx;
  private final BrokerConfig broker;
  private final Topology topology;
  private final Duration confirmTimeout;
  private final int maxUnconfirmed;
  private final GatewayMetrics metrics;
  private final LaneMessageCodec codec = new LaneMessageCodec();
  private final ConcurrentNavigableMap<Long, Promise<Void>> unconfirmed = new ConcurrentSkipListMap<>();

  private RabbitMQClient client;
  private volatile boolean ready;
  private boolean recovering;

  public LanePublisher(Vertx vertx, BrokerConfig broker, Topology topology, Duration confirmTimeout, int maxUnconfirmed,
      GatewayMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.broker = broker;
    this.topology = topology;
    this.confirmTimeout = confirmTimeout;
    this.maxUnconfirmed = maxUnconfirmed;
  }

  /**
   * Connects in the background and keeps reconnecting; the returned future completes once the
   * first connection is ready. Until then publishes fail fast with 503.
   */
  public Future<Void> start() {
    client = RabbitMQClient.create(vertx, Connections.rabbitOptions(broker, "stocksync-gateway"));
    client.addConnectionEstablishedCallback(promise -> {
      // every new connection starts with a new channel: old delivery tags mean nothing on it
      ready = false;
      failAll("the broker connection was re-established before these events were confirmed");
      promise.complete();
      vertx.runOnContext(v -> prepareChannel());
    });
    return client.start().onFailure(e -> LOG.warn("broker {} unreachable: {}", broker, e.toString()));
  }

  private void prepareChannel() {
    TopologyDeclarer.declare(client, topology, broker.dialect())
      .compose(v -> client.addConfirmListener(maxUnconfirmed))
      .onSuccess(confirms -> {
        confirms.handler(this::confirmed);
        ready = true;
        recovering = false;
        LOG.info("publishing to {} with confirms", broker);
      })
      .onFailure(e -> {
        LOG.warn("could not prepare the broker channel: {}", e.toString());
        recover();
      });
  }

  public boolean isReady() {
    return ready && client != null && client.isConnected() && client.isOpenChannel();
  }

  public int unconfirmed() {
    return unconfirmed.size();
  }

  public Future<Void> publish(LaneRouting.Route route, InventoryEvent event) {
    if (!isReady()) {
      return Future.failedFuture(ProblemException.brokerUnavailable("the broker is not connected"));
    }
    if (unconfirmed.size() >= maxUnconfirmed) {
      return Future.failedFuture(ProblemException.brokerUnavailable(
        "more than " + maxUnconfirmed + " events are waiting for the broker to confirm them"));
    }
    Promise<Void> confirmed = Promise.promise();
    long[] tagHolder = {-1};
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
      .contentType(LaneMessageCodec.CONTENT_TYPE)
      .deliveryMode(2)
      .priority(route.priority())
      .messageId(event.transactionId().toString())
      .type(event.type().wireName())
      .timestamp(Date.from(event.receivedAt()))
      .headers(Map.of("x-stocksync-source", event.source()))
      .build();
    client.basicPublishWithDeliveryTag(topology.eventsExchange(), topology.routingKey(route.lane()), properties,
        Buffer.buffer(codec.encode(event)), tag -> {
          tagHolder[0] = tag;
          unconfirmed.put(tag, confirmed);
        })
      .onFailure(e -> {
        removeTag(tagHolder[0], confirmed);
        confirmed.tryFail(ProblemException.brokerUnavailable("the broker refused the publish: " + e.getMessage()));
      });
    long timer = vertx.setTimer(confirmTimeout.toMillis(), id -> {
      if (confirmed.tryFail(ProblemException.brokerUnavailable(
          "the broker did not confirm within " + confirmTimeout.toMillis() + " ms"))) {
        removeTag(tagHolder[0], confirmed);
        // a confirm that never comes means the channel is broken; start over on a fresh one
        recover();
      }
    });
    long started = System.nanoTime();
    return confirmed.future().recover(e -> Future.failedFuture(e instanceof Nacked
        ? ProblemException.brokerUnavailable("lane '" + route.lane().id() + "' refused the event: it is full "
          + "(lanes." + route.lane().id() + ".max-length) or the broker is short of resources; other lanes still accept")
        : e))
      .onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        metrics.confirmed(route.lane(), Duration.ofNanos(System.nanoTime() - started));
      }
    });
  }

  /** The broker's view of a lane: messages ready and consumers attached (a re-declaration returns both). */
  public Future<com.rabbitmq.client.AMQP.Queue.DeclareOk> inspect(Lane lane) {
    if (!isReady()) {
      return Future.failedFuture(ProblemException.brokerUnavailable("the broker is not connected"));
    }
    return client.queueDeclare(topology.laneQueue(lane), true, false, false,
      topology.laneArguments(lane, broker.dialect()));
  }

  /** Messages ready in a lane, as the broker counts them; fails when not connected. */
  public Future<Long> depth(Lane lane) {
    if (!isReady()) {
      return Future.failedFuture("not connected");
    }
    return client.messageCount(topology.laneQueue(lane));
  }

  /** The broker nacked a publish: with reject-publish lanes, the lane is full. */
  private static final class Nacked extends RuntimeException {
    Nacked() {
      super("nacked by the broker", null, false, false);
    }
  }

  private void removeTag(long tag, Promise<Void> owner) {
    if (tag >= 0) {
      unconfirmed.remove(tag, owner);
    }
  }

  private void confirmed(RabbitMQConfirmation confirmation) {
    long tag = confirmation.getDeliveryTag();
    Map<Long, Promise<Void>> done = confirmation.isMultiple()
      ? unconfirmed.headMap(tag, true)
      : singleton(tag);
    for (Map.Entry<Long, Promise<Void>> entry : done.entrySet()) {
      if (confirmation.isSucceeded()) {
        entry.getValue().tryComplete();
      } else {
        entry.getValue().tryFail(new Nacked());
      }
      unconfirmed.remove(entry.getKey(), entry.getValue());
    }
  }

  private Map<Long, Promise<Void>> singleton(long tag) {
    Promise<Void> promise = unconfirmed.get(tag);
    return promise == null ? Map.of() : Map.of(tag, promise);
  }

  private void failAll(String reason) {
    for (Map.Entry<Long, Promise<Void>> entry : unconfirmed.entrySet()) {
      entry.getValue().tryFail(ProblemException.brokerUnavailable(reason));
      unconfirmed.remove(entry.getKey(), entry.getValue());
    }
  }

  private void recover() {
    if (recovering) {
      return;
    }
    recovering = true;
    ready = false;
    failAll("the broker channel is being re-opened");
    LOG.warn("re-opening the broker connection");
    client.stop()
      .recover(e -> Future.succeededFuture())
      .compose(v -> client.start())
      .onFailure(e -> {
        recovering = false;
        LOG.warn("broker reconnect failed: {}", e.toString());
      });
  }

  public Future<Void> stop() {
    ready = false;
    failAll("the gateway is stopping");
    return client == null ? Future.succeededFuture() : client.stop();
  }
}
