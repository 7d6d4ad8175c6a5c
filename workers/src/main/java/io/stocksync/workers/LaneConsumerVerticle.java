package io.stocksync.workers;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.LaneMessageCodec;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.TopologyDeclarer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConsumer;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one lane and applies each event to the ledger: commit first, then ack. A crash between
 * the two redelivers the message, and the ledger's unique event key turns the redelivery into a
 * no-op. Broken messages are dead-lettered; database trouble requeues after a pause.
 */
public final class LaneConsumerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LaneConsumerVerticle.class);
  private static final long REQUEUE_DELAY_MS = 1_000;

  private final WorkersConfig config;
  private final Lane lane;
  private final LaneMessageCodec codec = new LaneMessageCodec();
  private final WorkerCounters counters;

  private RabbitMQClient client;
  private RabbitMQConsumer consumer;
  private Pool pool;
  private LedgerRepository ledger;
  private int inFlight;
  private Promise<Void> drained;

  public LaneConsumerVerticle(WorkersConfig config, Lane lane, WorkerCounters counters) {
    this.config = config;
    this.lane = lane;
    this.counters = counters;
  }

  @Override
  public Future<?> start() {
    pool = Connections.pgPool(vertx, config.database(), "stocksync-workers");
    ledger = new LedgerRepository(pool);
    client = RabbitMQClient.create(vertx, Connections.rabbitOptions(config.broker(), "stocksync-worker-" + lane.id()));
    AtomicBoolean firstConnection = new AtomicBoolean(true);
    // after a reconnect the new channel needs the topology and the prefetch again
    client.addConnectionEstablishedCallback(promise -> {
      if (firstConnection.getAndSet(false)) {
        promise.complete();
      } else {
        prepareChannel().onComplete(promise);
      }
    });
    return client.start()
      .compose(v -> prepareChannel())
      .compose(v -> client.basicConsumer(config.topology().laneQueue(lane), new QueueOptions().setAutoAck(false)
        .setMaxInternalQueueSize(prefetch())))
      .onSuccess(c -> {
        consumer = c;
        consumer.handler(this::handle);
        consumer.exceptionHandler(e -> LOG.warn("lane {}: consumer error: {}", lane.id(), e.toString()));
        LOG.info("lane {}: consuming {} with prefetch {}", lane.id(), config.topology().laneQueue(lane), prefetch());
      });
  }

  private int prefetch() {
    return config.prefetch().get(lane);
  }

  private Future<Void> prepareChannel() {
    return TopologyDeclarer.declare(client, config.topology(), config.broker().dialect())
      .compose(v -> client.basicQos(prefetch()));
  }

  private void handle(RabbitMQMessage message) {
    long tag = message.envelope().getDeliveryTag();
    counters.consumed(lane);
    InventoryEvent event;
    JsonObject payload;
    try {
      event = codec.decode(message.body().getBytes());
      payload = message.body().toJsonObject();
    } catch (RuntimeException e) {
      LOG.error("lane {}: dead-lettering unreadable message {}: {}", lane.id(),
        message.properties().getMessageId(), e.getMessage());
      counters.deadLettered(lane);
      client.basicNack(tag, false, false);
      return;
    }
    inFlight++;
    ledger.apply(event, lane, payload)
      .onSuccess(outcome -> {
        counters.applied(lane, outcome);
        client.basicAck(tag, false)
          .onFailure(e -> LOG.warn("lane {}: ack of {} failed, it will be redelivered: {}", lane.id(),
            event.transactionId(), e.toString()));
      })
      .onFailure(e -> reject(tag, event, e))
      .onComplete(ar -> finished());
  }

  private void reject(long tag, InventoryEvent event, Throwable cause) {
    if (isPoison(cause)) {
      LOG.error("lane {}: dead-lettering event {} ({}/{}): {}", lane.id(), event.transactionId(), event.source(),
        event.transactionKey(), cause.getMessage());
      counters.deadLettered(lane);
      client.basicNack(tag, false, false);
    } else {
      LOG.warn("lane {}: could not apply event {}, requeueing in {} ms: {}", lane.id(), event.transactionId(),
        REQUEUE_DELAY_MS, cause.toString());
      counters.retried(lane);
      vertx.setTimer(REQUEUE_DELAY_MS, id -> client.basicNack(tag, false, true));
    }
  }

  /** Data exceptions and integrity violations fail again on every delivery; anything else may pass later. */
  static boolean isPoison(Throwable cause) {
    if (cause instanceof PgException pg && pg.getSqlState() != null) {
      return pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23");
    }
    return false;
  }

  private void finished() {
    inFlight--;
    if (inFlight == 0 && drained != null) {
      drained.tryComplete();
    }
  }

  /** Graceful stop: no new deliveries, finish and ack what is in flight, then close. */
  @Override
  public Future<?> stop() {
    Future<Void> cancelled = consumer == null ? Future.succeededFuture() : consumer.cancel().recover(e -> Future.succeededFuture());
    return cancelled
      .compose(v -> {
        if (inFlight == 0) {
          return Future.succeededFuture();
        }
        drained = Promise.promise();
        long timer = vertx.setTimer(10_000, id -> drained.tryComplete());
        return drained.future().onComplete(ar -> vertx.cancelTimer(timer));
      })
      .compose(v -> client.stop().recover(e -> Future.succeededFuture()))
      .compose(v -> pool.close());
  }
}
