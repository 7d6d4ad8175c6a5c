package io.stocksync.gateway;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events persistently to their lane and completes each publish only when the broker
 * confirmed it. Confirms are pipelined: many publishes are in flight on one channel and the
 * broker's (possibly batched) confirms complete them. A publish that is nacked (its lane is full:
 * {@code lane-full}), times out or is caught by a connection loss fails, and the caller answers 503:
 * nothing is reported accepted that the broker did not confirm.
 *
 * <p>The channel belongs to one dedicated thread, which drains an outbox: the event loop enqueues
 * and moves on, and one wake-up of the publisher thread sends every message queued meanwhile.
 * (Publishing through a client that hands each publish to a worker pool cost a thread hand-off
 * per event and capped the gateway far below the broker.) Delivery tags only mean something on
 * the channel that issued them, so each channel has its own table of unconfirmed publishes, and
 * its confirm listener completes only those. Completions run on the verticle's context.
 */
public final class LanePublisher {

  private static final Logger LOG = LoggerFactory.getLogger(LanePublisher.class);
  private static final long RECONNECT_DELAY_MS = 1_000;

  /** The unconfirmed publishes of one channel, by delivery tag. */
  private static final class Confirms {
    final ConcurrentNavigableMap<Long, Promise<Void>> pending = new ConcurrentSkipListMap<>();
  }

  /** A message waiting for the publisher thread. */
  private record Outgoing(String routingKey, AMQP.BasicProperties properties, byte[] body, Promise<Void> confirmed) {
  }

  private final Vertx vertx;
  private final BrokerConfig broker;
  private final Topology topology;
  private final Duration confirmTimeout;
  private final int maxUnconfirmed;
  private final GatewayMetrics metrics;
  private final LaneMessageCodec codec = new LaneMessageCodec();
  private final ConcurrentLinkedQueue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  // counted when a publish starts, not when its tag is known, so a burst cannot overshoot the limit
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread t = new Thread(runnable, "stocksync-publisher");
    t.setDaemon(true);
    return t;
  });

  private Context context;
  // owned by the publisher thread
  private Connection connection;
  private Channel channel;
  private Confirms confirms;
  private volatile boolean ready;
  private volatile boolean stopping;

  public LanePublisher(Vertx vertx, BrokerConfig broker, Topology topology, Duration confirmTimeout, int maxUnconfirmed,
      GatewayMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.broker = broker;
    this.topology = topology;
    this.confirmTimeout = confirmTimeout;
    this.maxUnconfirmed = maxUnconfirmed;
  }

  /** Connects in the background and keeps reconnecting; until connected, publishes fail fast with 503. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    thread.execute(this::connect);
    return Future.succeededFuture();
  }

  /** Publisher thread: open a connection and a confirming channel, declare the topology. */
  private void connect() {
    if (stopping || ready) {
      return;
    }
    try {
      Connection opened = Connections.rabbitFactory(broker).newConnection("stocksync-gateway");
      Channel opening = opened.createChannel();
      TopologyDeclarer.declare(opening, topology, broker.dialect());
      opening.confirmSelect();
      Confirms table = new Confirms();
      opening.addConfirmListener(listener(table));
      opened.addShutdownListener(cause -> thread.execute(() -> lost(table, cause.getMessage())));
      opening.addShutdownListener(cause -> thread.execute(() -> lost(table, cause.getMessage())));
      connection = opened;
      channel = opening;
      confirms = table;
      ready = true;
      LOG.info("publishing to {} with confirms", broker);
    } catch (Exception e) {
      LOG.warn("broker {} unreachable, retrying in {} ms: {}", broker, RECONNECT_DELAY_MS, e.toString());
      closeQuietly();
      thread.schedule(this::connect, RECONNECT_DELAY_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** Publisher thread: the channel or connection behind {@code table} is gone. */
  private void lost(Confirms table, String cause) {
    if (table != confirms) {
      return;
    }
    ready = false;
    confirms = null;
    failAll(table, "the broker connection was lost before these events were confirmed: " + cause);
    closeQuietly();
    if (!stopping) {
      LOG.warn("broker connection lost ({}); reconnecting", cause);
      thread.schedule(this::connect, RECONNECT_DELAY_MS, TimeUnit.MILLISECONDS);
    }
  }

  private ConfirmListener listener(Confirms table) {
    return new ConfirmListener() {
      @Override
      public void handleAck(long tag, boolean multiple) {
        settle(table, tag, multiple, true);
      }

      @Override
      public void handleNack(long tag, boolean multiple) {
        settle(table, tag, multiple, false);
      }
    };
  }

  /** Any thread: take the confirmed publishes out of the table and complete them on the context. */
  private void settle(Confirms table, long tag, boolean multiple, boolean acked) {
    List<Promise<Void>> done = new ArrayList<>();
    if (multiple) {
      Map<Long, Promise<Void>> head = table.pending.headMap(tag, true);
      done.addAll(head.values());
      head.clear();
    } else {
      Promise<Void> one = table.pending.remove(tag);
      if (one != null) {
        done.add(one);
      }
    }
    if (!done.isEmpty()) {
      context.runOnContext(v -> done.forEach(p -> {
        if (acked) {
          p.tryComplete();
        } else {
          p.tryFail(new Nacked());
        }
      }));
    }
  }

  private void failAll(Confirms table, String reason) {
    List<Promise<Void>> failed = new ArrayList<>(table.pending.values());
    table.pending.clear();
    if (!failed.isEmpty()) {
      context.runOnContext(v -> failed.forEach(p -> p.tryFail(ProblemException.brokerUnavailable(reason))));
    }
  }

  /** Kept for the periodic check of the verticle: the publisher thread reconnects by itself. */
  void heal() {
    if (!ready && !stopping) {
      thread.execute(this::connect);
    }
  }

  public boolean isReady() {
    return ready;
  }

  public int unconfirmed() {
    return inFlight.get();
  }

  public Future<Void> publish(LaneRouting.Route route, InventoryEvent event) {
    metrics.publishing(route.lane());
    if (!ready) {
      metrics.refused(route.lane(), false);
      return Future.failedFuture(ProblemException.brokerUnavailable("the broker is not connected"));
    }
    if (inFlight.incrementAndGet() > maxUnconfirmed) {
      inFlight.decrementAndGet();
      metrics.refused(route.lane(), false);
      return Future.failedFuture(ProblemException.brokerUnavailable(
        "more than " + maxUnconfirmed + " events are waiting for the broker to confirm them"));
    }
    Promise<Void> confirmed = Promise.promise();
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
      .contentType(LaneMessageCodec.CONTENT_TYPE)
      .deliveryMode(2)
      .priority(route.priority())
      .messageId(event.transactionId().toString())
      .type(event.type().wireName())
      .timestamp(Date.from(event.receivedAt()))
      .headers(Map.of("x-stocksync-source", event.source()))
      .build();
    outbox.add(new Outgoing(topology.routingKey(route.lane()), properties, codec.encode(event), confirmed));
    if (drainScheduled.compareAndSet(false, true)) {
      thread.execute(this::drain);
    }
    long timer = vertx.setTimer(confirmTimeout.toMillis(), id -> confirmed.tryFail(ProblemException.brokerUnavailable(
      "the broker did not confirm within " + confirmTimeout.toMillis() + " ms")));
    long started = System.nanoTime();
    return confirmed.future()
      .onComplete(ar -> {
        vertx.cancelTimer(timer);
        inFlight.decrementAndGet();
        if (ar.succeeded()) {
          metrics.confirmed(route.lane(), Duration.ofNanos(System.nanoTime() - started));
        } else {
          metrics.refused(route.lane(), ar.cause() instanceof Nacked);
        }
      })
      .recover(e -> Future.failedFuture(e instanceof Nacked ? ProblemException.laneFull(route.lane().id()) : e));
  }

  /** Publisher thread: send everything queued since the last wake-up. */
  private void drain() {
    drainScheduled.set(false);
    Outgoing next;
    while ((next = outbox.poll()) != null) {
      Outgoing message = next;
      Confirms table = confirms;
      if (!ready || channel == null || table == null) {
        context.runOnContext(v -> message.confirmed().tryFail(ProblemException.brokerUnavailable(
          "the broker is not connected")));
        continue;
      }
      long tag = channel.getNextPublishSeqNo();
      // in the table before it is sent: its confirm cannot arrive first
      table.pending.put(tag, message.confirmed());
      try {
        channel.basicPublish(topology.eventsExchange(), message.routingKey(), false, message.properties(), message.body());
      } catch (Exception e) {
        table.pending.remove(tag);
        context.runOnContext(v -> message.confirmed().tryFail(ProblemException.brokerUnavailable(
          "the broker refused the publish: " + e.getMessage())));
      }
    }
  }

  /** The broker's view of a lane: messages ready and consumers attached, read on a channel of its own. */
  public Future<AMQP.Queue.DeclareOk> inspect(Lane lane) {
    Promise<AMQP.Queue.DeclareOk> result = Promise.promise();
    thread.execute(() -> {
      AMQP.Queue.DeclareOk ok = null;
      Exception failure = null;
      if (!ready || connection == null) {
        failure = ProblemException.brokerUnavailable("the broker is not connected");
      } else {
        // a separate channel: an error here (a lane deleted by hand) must not close the publishing one
        try (Channel look = connection.createChannel()) {
          ok = look.queueDeclarePassive(topology.laneQueue(lane));
        } catch (Exception e) {
          failure = ProblemException.brokerUnavailable("lane '" + lane.id() + "' cannot be inspected: " + e.getMessage());
        }
      }
      AMQP.Queue.DeclareOk answer = ok;
      Exception error = failure;
      context.runOnContext(v -> {
        if (error == null) {
          result.complete(answer);
        } else {
          result.fail(error);
        }
      });
    });
    return result.future();
  }

  /** Messages ready in a lane, as the broker counts them. */
  public Future<Long> depth(Lane lane) {
    return inspect(lane).map(ok -> (long) ok.getMessageCount());
  }

  /** The broker nacked a publish: with reject-publish lanes, the lane is full. */
  private static final class Nacked extends RuntimeException {
    Nacked() {
      super("nacked by the broker", null, false, false);
    }
  }

  private void closeQuietly() {
    try {
      if (connection != null && connection.isOpen()) {
        connection.close(2_000);
      }
    } catch (Exception e) {
      // already gone
    }
    connection = null;
    channel = null;
  }

  public Future<Void> stop() {
    stopping = true;
    ready = false;
    Promise<Void> stopped = Promise.promise();
    thread.execute(() -> {
      Confirms table = confirms;
      confirms = null;
      if (table != null) {
        failAll(table, "the gateway is stopping");
      }
      closeQuietly();
      context.runOnContext(v -> stopped.complete());
    });
    return stopped.future().onComplete(ar -> thread.shutdown());
  }
}
