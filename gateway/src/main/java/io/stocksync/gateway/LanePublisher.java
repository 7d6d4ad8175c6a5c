package io.stocksync.gateway;

import com.rabbitmq.client.AMQP;
import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.LaneMessageCodec;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import io.stocksync.contracts.topology.TopologyDeclarer;
import io.vertx.core.Context;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events persistently to their lane and completes each publish only when the broker
 * confirmed it. Confirms are pipelined: many publishes are in flight on one channel and the
 * broker's (possibly batched) confirms complete them. A publish that is nacked, times out or is
 * caught by a connection loss fails, and the caller answers 503: nothing is reported accepted
 * that the broker did not confirm.
 *
 * <p>Delivery tags only mean something on the channel that issued them, so every channel gets its
 * own {@link Confirms} table, and a channel's confirm listener can only complete publishes made
 * on that channel. Reconnection is left to the client (one loop, no second one of ours); this
 * class only re-prepares each new channel. Use one instance per event-loop context: everything
 * here runs on that context.
 */
public final class LanePublisher {

  private static final Logger LOG = LoggerFactory.getLogger(LanePublisher.class);

  /** The unconfirmed publishes of one channel, by delivery tag. */
  private static final class Confirms {
    final ConcurrentNavigableMap<Long, Promise<Void>> pending = new ConcurrentSkipListMap<>();
    volatile boolean live = true;
  }

  private final Vertx vertx;
  private final BrokerConfig broker;
  private final Topology topology;
  private final Duration confirmTimeout;
  private final int maxUnconfirmed;
  private final GatewayMetrics metrics;
  private final LaneMessageCodec codec = new LaneMessageCodec();
  // counted when a publish starts, not when its tag is known, so a burst cannot overshoot the limit
  private final AtomicInteger inFlight = new AtomicInteger();

  private Context context;
  private RabbitMQClient client;
  private volatile Confirms current = new Confirms();
  private volatile boolean ready;
  private boolean preparing;

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
   * first connection is up. Until a channel is prepared, publishes fail fast with 503.
   */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    client = RabbitMQClient.create(vertx, Connections.rabbitOptions(broker, "stocksync-gateway"));
    client.addConnectionEstablishedCallback(promise -> {
      // this runs on a client thread: hand over to our context before touching any state
      promise.complete();
      context.runOnContext(v -> {
        retire("the broker connection was re-established before these events were confirmed");
        prepareChannel();
      });
    });
    return client.start().onFailure(e -> LOG.warn("broker {} unreachable: {}", broker, e.toString()));
  }

  private void prepareChannel() {
    if (preparing) {
      return;
    }
    preparing = true;
    Confirms confirms = new Confirms();
    TopologyDeclarer.declare(client, topology, broker.dialect())
      .compose(v -> client.addConfirmListener(maxUnconfirmed))
      .onComplete(ar -> {
        preparing = false;
        if (ar.failed()) {
          LOG.warn("could not prepare the broker channel, retrying: {}", ar.cause().toString());
          return;
        }
        // the listener completes only this channel's publishes, whatever arrives late
        ar.result().handler(confirmation -> confirmed(confirms, confirmation));
        current = confirms;
        ready = true;
        LOG.info("publishing to {} with confirms", broker);
      });
  }

  /**
   * Called periodically: brings a broken channel back. A closed channel on a live connection is
   * restarted through the client's own (guarded) reconnect; a live channel that was never
   * prepared is prepared.
   */
  void heal() {
    if (client == null || !client.isConnected()) {
      return;
    }
    if (!client.isOpenChannel()) {
      ready = false;
      client.restartConnect(0).onFailure(e -> LOG.debug("channel restart failed: {}", e.toString()));
    } else if (!ready) {
      prepareChannel();
    }
  }

  public boolean isReady() {
    return ready && client != null && client.isConnected() && client.isOpenChannel();
  }

  public int unconfirmed() {
    return inFlight.get();
  }

  public Future<Void> publish(LaneRouting.Route route, InventoryEvent event) {
    if (!isReady()) {
      return Future.failedFuture(ProblemException.brokerUnavailable("the broker is not connected"));
    }
    if (inFlight.incrementAndGet() > maxUnconfirmed) {
      inFlight.decrementAndGet();
      return Future.failedFuture(ProblemException.brokerUnavailable(
        "more than " + maxUnconfirmed + " events are waiting for the broker to confirm them"));
    }
    Confirms confirms = current;
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
          // runs on a worker thread, before the message is sent: the confirm cannot come first
          tagHolder[0] = tag;
          if (confirms.live) {
            confirms.pending.put(tag, confirmed);
          } else {
            confirmed.tryFail(ProblemException.brokerUnavailable("the broker channel was replaced"));
          }
        })
      .onFailure(e -> confirmed.tryFail(ProblemException.brokerUnavailable("the broker refused the publish: "
        + e.getMessage())));
    long timer = vertx.setTimer(confirmTimeout.toMillis(), id -> confirmed.tryFail(ProblemException.brokerUnavailable(
      "the broker did not confirm within " + confirmTimeout.toMillis() + " ms")));
    long started = System.nanoTime();
    return confirmed.future()
      .recover(e -> Future.failedFuture(e instanceof Nacked
        ? ProblemException.brokerUnavailable("lane '" + route.lane().id() + "' refused the event: it is full "
          + "(lanes." + route.lane().id() + ".max-length) or the broker is short of resources; other lanes still accept")
        : e))
      .onComplete(ar -> {
        vertx.cancelTimer(timer);
        inFlight.decrementAndGet();
        if (tagHolder[0] >= 0) {
          confirms.pending.remove(tagHolder[0], confirmed);
        }
        if (ar.succeeded()) {
          metrics.confirmed(route.lane(), Duration.ofNanos(System.nanoTime() - started));
        }
      });
  }

  /** The broker's view of a lane: messages ready and consumers attached (a re-declaration returns both). */
  public Future<AMQP.Queue.DeclareOk> inspect(Lane lane) {
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

  private static void confirmed(Confirms confirms, RabbitMQConfirmation confirmation) {
    long tag = confirmation.getDeliveryTag();
    Map<Long, Promise<Void>> done = confirmation.isMultiple()
      ? confirms.pending.headMap(tag, true)
      : singleton(confirms, tag);
    for (Map.Entry<Long, Promise<Void>> entry : done.entrySet()) {
      if (confirmation.isSucceeded()) {
        entry.getValue().tryComplete();
      } else {
        entry.getValue().tryFail(new Nacked());
      }
      confirms.pending.remove(entry.getKey(), entry.getValue());
    }
  }

  private static Map<Long, Promise<Void>> singleton(Confirms confirms, long tag) {
    Promise<Void> promise = confirms.pending.get(tag);
    return promise == null ? Map.of() : Map.of(tag, promise);
  }

  /** Ends the current channel's table: its unconfirmed publishes fail, later ones cannot join it. */
  private void retire(String reason) {
    ready = false;
    Confirms old = current;
    old.live = false;
    current = new Confirms();
    for (Map.Entry<Long, Promise<Void>> entry : old.pending.entrySet()) {
      entry.getValue().tryFail(ProblemException.brokerUnavailable(reason));
      old.pending.remove(entry.getKey(), entry.getValue());
    }
  }

  public Future<Void> stop() {
    retire("the gateway is stopping");
    return client == null ? Future.succeededFuture() : client.stop();
  }
}
