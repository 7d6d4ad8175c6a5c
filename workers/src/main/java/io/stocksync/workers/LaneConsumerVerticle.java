package io.stocksync.workers;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.LaneMessageCodec;
import io.stocksync.contracts.log.LogContext;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import io.stocksync.contracts.topology.TopologyDeclarer;
import io.stocksync.contracts.units.UnitCatalog;
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
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one lane and applies each event to the ledger: commit first, then ack. A crash between
 * the two redelivers the message, and the ledger's unique event key turns the redelivery into a
 * no-op. Broken messages are dead-lettered; while the database is unavailable the event is
 * retried in place with backoff, never requeued, so no broker counts it as a failed delivery. A
 * message delivered more than {@code workers.max-deliveries} times without an ack (it keeps
 * killing its worker, or its connection) is recorded as failed and dead-lettered.
 */
public final class LaneConsumerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LaneConsumerVerticle.class);
  private static final long FIRST_RETRY_DELAY_MS = 100;
  private static final long MAX_RETRY_DELAY_MS = 5_000;
  private final WorkersConfig config;
  private final Lane lane;
  private final int index;
  private final LaneMessageCodec codec = new LaneMessageCodec();
  private final WorkerCounters counters;

  private RabbitMQClient client;
  private RabbitMQConsumer consumer;
  private Pool pool;
  private LedgerRepository ledger;
  private QuarantineRepository quarantine;
  private FailedEventRepository failures;
  private DeliveryCounter deliveryCounter;
  private int inFlight;
  private Promise<Void> drained;
  private boolean stopping;
  // delivery tags belong to one channel: after a reconnect, old tags must not be acked on the new one
  private final AtomicLong channelGeneration = new AtomicLong();

  /** The {@code index}-th consumer (from 1) of the lane, of {@code workers.concurrency.<lane>}. */
  public LaneConsumerVerticle(WorkersConfig config, Lane lane, int index, WorkerCounters counters) {
    this.config = config;
    this.lane = lane;
    this.index = index;
    this.counters = counters;
  }

  private String connectionName() {
    return "stocksync-worker-" + lane.id() + (index == 1 ? "" : "-" + index);
  }

  @Override
  public Future<?> start() {
    pool = Connections.pgPool(vertx, config.database(), "stocksync-workers");
    ledger = new LedgerRepository(pool, config.masterData().negativeOnHand());
    quarantine = new QuarantineRepository(pool, ledger, UnitCatalog.load(), config.masterData());
    failures = new FailedEventRepository(pool, ledger, quarantine);
    deliveryCounter = new DeliveryCounter(new DeliveryAttemptRepository(pool), lane);
    client = RabbitMQClient.create(vertx, Connections.rabbitOptions(config.broker(), connectionName()));
    AtomicBoolean firstConnection = new AtomicBoolean(true);
    // after a reconnect the new channel needs the topology and the prefetch again
    client.addConnectionEstablishedCallback(promise -> {
      channelGeneration.incrementAndGet();
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
        // each message on its own duplicated context, so its log lines carry its transaction id
        consumer.handler(message -> LogContext.isolated(message, this::handle));
        counters.consuming(lane, true);
        consumer.exceptionHandler(e -> LOG.warn("lane {}: consumer error: {}", lane.id(), e.toString()));
        LOG.info("lane {}: consumer {} of {} consuming {} with prefetch {}", lane.id(), index,
          config.concurrency().get(lane), config.topology().laneQueue(lane), prefetch());
      });
  }

  private int prefetch() {
    return config.prefetch().get(lane);
  }

  private Future<Void> prepareChannel() {
    // Classic lanes: global, because the client restarts the consumer after a reconnect without
    // waiting for this callback, and a channel-wide limit also binds a consumer created before it.
    // Quorum queues refuse global QoS (540 NOT_IMPLEMENTED), so there the limit is per consumer.
    boolean global = config.topology().queueType() != Topology.QueueType.QUORUM;
    return TopologyDeclarer.declare(client, config.topology(), config.broker().dialect())
      .compose(v -> client.basicQos(prefetch(), global));
  }

  private void handle(RabbitMQMessage message) {
    if (stopping) {
      // not acked: it returns to the lane when the channel closes
      return;
    }
    Delivery tag = new Delivery(message.envelope().getDeliveryTag(), channelGeneration.get());
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
      inFlight++;
      failures.recordUnreadable(lane, message.body().getBytes(), e.getMessage())
        .onFailure(f -> LOG.error("lane {}: unreadable message not recorded, it stays in the dead-letter queue: {}",
          lane.id(), f.toString()))
        .onComplete(ar -> {
          deadLetter(tag);
          finished();
        });
      return;
    }
    LogContext.put(LogContext.TRANSACTION, event.transactionId().toString());
    inFlight++;
    byte[] body = message.body().getBytes();
    deliveryCounter.count(message, event.transactionId()).onComplete(counted -> {
      Work work = new Work(tag, event, payload, body, counted.result());
      if (work.deliveries().count() > config.maxDeliveries()) {
        overLimit(work);
      } else {
        apply(work, 0);
      }
    });
  }

  /**
   * A message past its delivery limit is failed, unless the ledger holds its event already: then an
   * earlier delivery committed and only its ack was lost (a stop, a reconnect), and applying it
   * again is the harmless duplicate that gets it acked.
   */
  private void overLimit(Work work) {
    overLimit(work, 0);
  }

  private void overLimit(Work work, int attempt) {
    int unacked = work.deliveries().count() - 1;
    ledger.knows(work.event()).onComplete(known -> {
      if (known.succeeded()) {
        if (known.result()) {
          apply(work, 0);
        } else {
          fail(work, unacked, "delivered " + unacked + " times without being acknowledged");
        }
      } else if (stopping || !sameChannel(work.tag())) {
        // leave it unacked, its count kept: the broker hands it out again
        finished();
      } else {
        // the ledger cannot be asked (the database is away): failing now could not record it either
        long delay = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS << Math.min(attempt, 10));
        LOG.warn("lane {}: could not check event {} past its delivery limit (attempt {}), retrying in {} ms: {}",
          lane.id(), work.event().transactionId(), attempt + 1, delay, known.cause().toString());
        vertx.setTimer(delay, id -> overLimit(work, attempt + 1));
      }
    });
  }

  /** A message being worked on: its delivery, its decoded event and body, and how often it was delivered. */
  private record Work(Delivery tag, InventoryEvent event, JsonObject payload, byte[] body,
      DeliveryCounter.Deliveries deliveries) {
  }

  /**
   * Applies the event, retrying in place while the database is unavailable. The message stays
   * unacked meanwhile: if the worker stops, the broker hands it to another consumer.
   */
  private void apply(Work work, int attempt) {
    InventoryEvent event = work.event();
    long started = System.nanoTime();
    resolveAndApply(event, work.payload()).onComplete(ar -> {
      if (ar.succeeded()) {
        if (ar.result().isPresent()) {
          counters.applied(lane, ar.result().get(), Duration.ofNanos(System.nanoTime() - started));
        } else {
          counters.quarantined(lane);
        }
        ack(work.tag(), event);
        forget(work);
        finished();
      } else if (isPoison(ar.cause())) {
        // a data exception or constraint violation fails the same way on every delivery: at once
        fail(work, attempt + 1, ar.cause().toString());
      } else if (!isTransient(ar.cause()) && attempt + 1 >= config.maxDeliveries()) {
        fail(work, attempt + 1, ar.cause().toString());
      } else if (stopping || !sameChannel(work.tag())) {
        // leave it unacked: closing the channel returns it to the lane, and a redelivery owns it now
        finished();
      } else {
        long delay = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS << Math.min(attempt, 10));
        LOG.warn("lane {}: could not apply event {} (attempt {}), retrying in {} ms: {}", lane.id(),
          event.transactionId(), attempt + 1, delay, ar.cause().toString());
        counters.retried(lane);
        vertx.setTimer(delay, id -> apply(work, attempt + 1));
      }
    });
  }

  /** Records the event in failed_event with its cause and attempts, then dead-letters the message. */
  private void fail(Work work, int attemptsMade, String cause) {
    InventoryEvent event = work.event();
    LOG.error("lane {}: dead-lettering event {} ({}/{}) after {} attempts: {}", lane.id(), event.transactionId(),
      event.source(), event.transactionKey(), attemptsMade, cause);
    counters.deadLettered(lane);
    failures.record(event, lane, work.body(), cause, attemptsMade)
      .onFailure(f -> LOG.error("lane {}: failed event {} not recorded, it stays in the dead-letter queue: {}",
        lane.id(), event.transactionId(), f.toString()))
      .onComplete(recorded -> {
        deadLetter(work.tag());
        forget(work);
        finished();
      });
  }

  /** The message is settled: its delivery count, if it had one, is no longer needed. */
  private void forget(Work work) {
    // a delivery of an older channel was redelivered already: the redelivery owns the count now
    if (sameChannel(work.tag())) {
      deliveryCounter.forget(work.deliveries(), work.event().transactionId());
    }
  }

  /**
   * Applies the event once its item, location and unit are known; an event that misses one of them
   * (or whose source may not take on-hand below zero, and it would) is quarantined (committed)
   * instead, and answers empty. Either way it may be acked.
   */
  private Future<Optional<LedgerRepository.Outcome>> resolveAndApply(InventoryEvent event, JsonObject payload) {
    return quarantine.resolve(event).compose(resolution -> {
      if (resolution instanceof MasterDataResolver.Ready ready) {
        return ledger.apply(ready.event(), lane, payload).map(Optional::of)
          .recover(e -> e instanceof LedgerRepository.InsufficientStockException stock
            ? hold(event, payload, MasterDataResolver.Missing.stock(stock))
            : Future.failedFuture(e));
      }
      return hold(event, payload, (MasterDataResolver.Missing) resolution);
    });
  }

  private Future<Optional<LedgerRepository.Outcome>> hold(InventoryEvent event, JsonObject payload,
      MasterDataResolver.Missing missing) {
    return quarantine.quarantine(event, lane, payload, missing).map(first -> {
      if (first) {
        LOG.warn("lane {}: quarantined event {} ({}/{}): {}", lane.id(), event.transactionId(), event.source(),
          event.transactionKey(), missing.detail());
      }
      return Optional.empty();
    });
  }

  /** A delivery tag and the channel generation it belongs to. */
  private record Delivery(long tag, long generation) {
  }

  private boolean sameChannel(Delivery delivery) {
    return delivery.generation() == channelGeneration.get();
  }

  private void ack(Delivery delivery, InventoryEvent event) {
    if (!sameChannel(delivery)) {
      // the broker already requeued it with the old channel; its redelivery will be a duplicate
      return;
    }
    client.basicAck(delivery.tag(), false)
      .onFailure(e -> LOG.warn("lane {}: ack of {} failed, it will be redelivered: {}", lane.id(),
        event.transactionId(), e.toString()));
  }

  private void deadLetter(Delivery delivery) {
    if (sameChannel(delivery)) {
      client.basicNack(delivery.tag(), false, false);
    }
  }

  /** Data exceptions and integrity violations fail again on every delivery; anything else may pass later. */
  static boolean isPoison(Throwable cause) {
    if (cause instanceof PgException pg && pg.getSqlState() != null) {
      return pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23");
    }
    return false;
  }

  /**
   * The database is unreachable or busy: connection errors, timeouts, and SQLSTATE classes 08
   * (connection), 40 (serialization, deadlock), 53 (resources), 57 (shutdown, cancel), 58 (system).
   * These are retried for as long as it takes; any other fault only {@code workers.max-deliveries} times.
   */
  static boolean isTransient(Throwable cause) {
    if (cause instanceof PgException pg) {
      String state = pg.getSqlState() == null ? "" : pg.getSqlState();
      return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")
        || state.startsWith("58");
    }
    return cause instanceof io.vertx.core.VertxException || cause instanceof java.io.IOException
      || cause instanceof java.util.concurrent.TimeoutException;
  }

  private Future<Void> cancelConsumer() {
    if (consumer == null) {
      return Future.succeededFuture();
    }
    // cancel() sends basic.cancel synchronously: keep that off the event loop
    return vertx.<Void>executeBlocking(() -> {
      try {
        consumer.cancel();
      } catch (RuntimeException e) {
        // the connection is already gone: the broker has requeued whatever was unacked
      }
      return null;
    }).recover(e -> Future.succeededFuture());
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
    stopping = true;
    counters.consuming(lane, false);
    return cancelConsumer()
      .compose(v -> {
        if (inFlight == 0) {
          return Future.succeededFuture();
        }
        drained = Promise.promise();
        long timer = vertx.setTimer(10_000, id -> drained.tryComplete());
        return drained.future().onComplete(ar -> vertx.cancelTimer(timer));
      })
      .compose(v -> client.stop().recover(e -> Future.succeededFuture()))
      .recover(e -> Future.succeededFuture())
      .compose(v -> pool.close());
  }
}
