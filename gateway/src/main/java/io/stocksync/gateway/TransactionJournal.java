package io.stocksync.gateway;

import io.stocksync.contracts.event.InventoryEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the gateway's stages of every answered request (received, validated, queued or
 * rejected) for {@code GET /v1/transactions/{id}}. Rows are buffered and written in one batch
 * every {@link #FLUSH_MS} ms, so the request path never waits for this bookkeeping; a crash loses
 * at most that window of lineage, never an event.
 */
final class TransactionJournal {

  static final long FLUSH_MS = 200;
  static final int MAX_BUFFER = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(TransactionJournal.class);

  static final String INSERT = """
    INSERT INTO gateway_transaction (transaction_id, client_id, source_system, transaction_key, event_type, outcome,
                                     lane, priority, problem_type, status, received_at, validated_at, queued_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
    ON CONFLICT (transaction_id) DO NOTHING
    """;

  static final int RETENTION_DAYS = 30;
  static final String PURGE = """
    DELETE FROM gateway_transaction
     WHERE ctid IN (SELECT ctid FROM gateway_transaction
                     WHERE received_at < now() - interval '30 days' LIMIT 10000)
    """;

  private final Vertx vertx;
  private final Pool pool;
  private List<Tuple> buffer = new ArrayList<>();
  private long timer = -1;

  TransactionJournal(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  void start() {
    timer = vertx.setPeriodic(FLUSH_MS, id -> flush());
  }

  void queued(UUID transactionId, String clientId, InventoryEvent event, LaneRouting.Route route, Instant validatedAt,
      Instant queuedAt) {
    add(Tuple.tuple().addUUID(transactionId).addString(clientId).addString(event.source())
      .addString(event.transactionKey()).addString(event.type().wireName()).addString("queued")
      .addString(route.lane().id()).addInteger(route.priority()).addString(null).addInteger(202)
      .addOffsetDateTime(utc(event.receivedAt())).addOffsetDateTime(utc(validatedAt)).addOffsetDateTime(utc(queuedAt)));
  }

  void rejected(UUID transactionId, String clientId, ProblemException problem, Instant receivedAt) {
    add(Tuple.tuple().addUUID(transactionId).addString(clientId).addString(null).addString(null).addString(null)
      .addString("rejected").addString(null).addInteger(null).addString(problem.type().uri()).addInteger(problem.type().status())
      .addOffsetDateTime(utc(receivedAt)).addOffsetDateTime(null).addOffsetDateTime(null));
  }

  private void add(Tuple row) {
    if (buffer.size() >= MAX_BUFFER) {
      // the database is not keeping up; lineage is worth less than memory
      LOG.warn("transaction journal full ({} rows): dropping lineage of {}", MAX_BUFFER, row.getUUID(0));
      return;
    }
    buffer.add(row);
  }

  Future<Void> flush() {
    if (buffer.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = buffer;
    buffer = new ArrayList<>();
    return pool.preparedQuery(INSERT).executeBatch(batch)
      .onFailure(e -> LOG.warn("could not record the lineage of {} transactions: {}", batch.size(), e.toString()))
      .mapEmpty();
  }

  /** Gateway records are kept {@link #RETENTION_DAYS} days; the ledger's own rows are kept for good. */
  Future<Integer> purgeExpired() {
    return pool.query(PURGE).execute().map(rows -> rows.rowCount());
  }

  Future<Void> stop() {
    vertx.cancelTimer(timer);
    return flush().recover(e -> Future.succeededFuture());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
