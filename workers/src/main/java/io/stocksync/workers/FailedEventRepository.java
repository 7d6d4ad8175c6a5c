package io.stocksync.workers;

import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.LaneMessageCodec;
import io.stocksync.contracts.topology.Lane;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Poison messages kept in PostgreSQL with their payload, cause and attempts, and their replay: an
 * operator marks one {@code replay_requested} (admin API), and a worker applies it again in the same
 * transaction that marks it replayed. Replays are idempotent: the ledger's (source, key) holds.
 */
public final class FailedEventRepository {

  /** What a replay did. */
  public enum Replay {
    APPLIED("applied"),
    DUPLICATE("duplicate"),
    QUARANTINED("quarantined");

    final String sqlName;

    Replay(String sqlName) {
      this.sqlName = sqlName;
    }
  }

  private final Pool pool;
  private final LedgerRepository ledger;
  private final QuarantineRepository quarantine;
  private final LaneMessageCodec codec = new LaneMessageCodec();

  public FailedEventRepository(Pool pool, LedgerRepository ledger, QuarantineRepository quarantine) {
    this.pool = pool;
    this.ledger = ledger;
    this.quarantine = quarantine;
  }

  /** Records a readable event that failed for good after {@code attempts} attempts. */
  public Future<Void> record(InventoryEvent event, Lane lane, byte[] body, String cause, int attempts) {
    return pool.preparedQuery(FailedEventSql.RECORD).execute(Tuple.tuple()
        .addUUID(event.transactionId())
        .addString(lane.id())
        .addString(event.source())
        .addString(event.transactionKey())
        .addString(event.type().wireName())
        .addString(text(body))
        .addString(cause)
        .addInteger(attempts))
      .mapEmpty();
  }

  /** Records a message that is not a v1 lane message at all; it is kept for inspection. */
  public Future<Void> recordUnreadable(Lane lane, byte[] body, String cause) {
    return pool.preparedQuery(FailedEventSql.RECORD_UNREADABLE).execute(Tuple.of(lane.id(), text(body), cause))
      .mapEmpty();
  }

  private static String text(byte[] body) {
    // PostgreSQL text cannot hold NUL; a broken body is kept readable, not byte-exact
    return new String(body, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
  }

  public Future<List<Long>> replayRequested(int limit) {
    return pool.preparedQuery(FailedEventSql.REPLAY_REQUESTED).execute(Tuple.of(limit)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getLong("id")));
      return ids;
    });
  }

  /**
   * Replays one event: applies it (or quarantines it, when its item, location or unit is still unknown, or its source may
   * not take the stock below zero) and marks it
   * replayed, in one transaction. Empty when another worker took it first.
   */
  public Future<Optional<Replay>> replay(long id) {
    return pool.withTransaction(conn -> conn.preparedQuery(FailedEventSql.CLAIM_REPLAY).execute(Tuple.of(id))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.succeededFuture(Optional.<Replay>empty());
        }
        Row row = rows.iterator().next();
        Lane lane = Lane.parse(row.getString("lane"));
        byte[] body = row.getString("body").getBytes(StandardCharsets.UTF_8);
        InventoryEvent event = codec.decode(body);
        JsonObject payload = new JsonObject(row.getString("body"));
        Future<Replay> applied = quarantine.resolve(event).compose(resolution ->
          resolution instanceof MasterDataResolver.Ready ready
            ? ledger.apply(conn, ready.event(), lane, payload)
              .map(outcome -> outcome == LedgerRepository.Outcome.APPLIED ? Replay.APPLIED : Replay.DUPLICATE)
              .recover(e -> e instanceof LedgerRepository.InsufficientStockException stock
                // its source may not take the stock below zero: it waits for stock like any other event
                ? quarantine.quarantine(event, lane, payload, MasterDataResolver.Missing.stock(stock))
                  .map(first -> Replay.QUARANTINED)
                : Future.failedFuture(e))
            : quarantine.quarantine(event, lane, payload, (MasterDataResolver.Missing) resolution)
              .map(first -> Replay.QUARANTINED));
        return applied.compose(outcome -> conn.preparedQuery(FailedEventSql.REPLAYED)
          .execute(Tuple.of(id, outcome.sqlName))
          .map(done -> Optional.of(outcome)));
      }));
  }

  /** The replay failed as well: the event is failed again, with the new cause. */
  public Future<Void> replayFailed(long id, Throwable cause) {
    return pool.preparedQuery(FailedEventSql.REPLAY_FAILED).execute(Tuple.of(id, String.valueOf(cause.getMessage())))
      .mapEmpty();
  }
}
