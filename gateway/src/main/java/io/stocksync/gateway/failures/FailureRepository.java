package io.stocksync.gateway.failures;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Failed events and ERP postings in PostgreSQL, as the admin API and the command line read them
 * and ask for them again. Asking only marks the row: the workers' re-drive sweep replays a failed
 * event, and the ERP poster sends a posting, each exactly once.
 */
public final class FailureRepository {

  /** One page and, when more follow, the sort key of its last entry. */
  public record Page<T>(List<T> items, Long next) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /** What asking for one replay did: requested it now, or found it requested or replayed already. */
  public enum Requested { NOW, ALREADY }

  /** The answer to asking for one replay (or re-send): what happened, and the row as it is now. */
  public record Request<T>(Requested requested, T row) {
  }

  /** What a replay by filter did. */
  public record Replays(long requested, long alreadyRequested, long alreadyReplayed) {
  }

  private final Pool pool;

  public FailureRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Page<FailedEvent>> failedEvents(FailedEventFilter filter, Long afterId, int limit) {
    Tuple params = filterTuple(filter).addLong(afterId).addInteger(limit + 1);
    return pool.preparedQuery(FailureSql.SELECT_PAGE).execute(params)
      .map(rows -> page(rows, limit, FailureRepository::toFailedEvent, FailedEvent::id));
  }

  public Future<Optional<FailedEvent>> failedEvent(long id) {
    return pool.preparedQuery(FailureSql.SELECT_ONE).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toFailedEvent(rows.iterator().next())));
  }

  /** Asks for the replay of one failed event; empty when there is no such event. */
  public Future<Optional<Request<FailedEvent>>> requestReplay(long id, String requestedBy) {
    return pool.preparedQuery(FailureSql.REQUEST_ONE).execute(Tuple.of(id, requestedBy))
      .compose(rows -> rows.size() == 1
        ? Future.succeededFuture(Optional.of(new Request<>(Requested.NOW, toFailedEvent(rows.iterator().next()))))
        : failedEvent(id).map(found -> found.map(event -> new Request<>(Requested.ALREADY, event))));
  }

  /**
   * Asks for the replay of every failed event the filter matches (its status is ignored: only
   * failed ones can be asked for), and counts those already asked for or replayed.
   */
  public Future<Replays> requestReplays(FailedEventFilter filter, String requestedBy) {
    return pool.preparedQuery(FailureSql.REQUEST_MATCHING)
      .execute(filterTuple(filter.withStatus(null)).addString(requestedBy))
      .map(rows -> {
        Row row = rows.iterator().next();
        return new Replays(row.getLong("requested"), row.getLong("already_requested"), row.getLong("already_replayed"));
      });
  }

  /** ERP postings in any of these states, newest first. */
  public Future<Page<ErpPosting>> postings(List<String> statuses, Long afterEventId, int limit) {
    return pool.preparedQuery(FailureSql.SELECT_POSTINGS)
      .execute(Tuple.of(statuses.toArray(String[]::new), afterEventId, limit + 1))
      .map(rows -> page(rows, limit, FailureRepository::toPosting, ErpPosting::eventId));
  }

  /** Sends a failed or unknown posting again; empty when the transaction has no posting. */
  public Future<Optional<Request<ErpPosting>>> retryPosting(UUID transactionId, String requestedBy) {
    return pool.preparedQuery(FailureSql.RETRY_POSTING).execute(Tuple.of(transactionId, requestedBy))
      .compose(rows -> rows.size() == 1
        ? Future.succeededFuture(Optional.of(new Request<>(Requested.NOW, toPosting(rows.iterator().next()))))
        : pool.preparedQuery(FailureSql.SELECT_POSTING).execute(Tuple.of(transactionId))
          .map(found -> found.size() == 0 ? Optional.<Request<ErpPosting>>empty()
            : Optional.of(new Request<>(Requested.ALREADY, toPosting(found.iterator().next())))));
  }

  private static Tuple filterTuple(FailedEventFilter filter) {
    return Tuple.tuple()
      .addString(filter.status())
      .addString(filter.lane())
      .addString(filter.source())
      .addString(filter.type())
      .addString(filter.cause())
      .addOffsetDateTime(time(filter.failedAfter()))
      .addOffsetDateTime(time(filter.failedBefore()));
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The first {@code limit} rows; the query asked for one more, to tell whether more follow. */
  private static <T> Page<T> page(RowSet<Row> rows, int limit, Function<Row, T> mapper, Function<T, Long> key) {
    List<T> items = new ArrayList<>();
    for (Row row : rows) {
      if (items.size() == limit) {
        return new Page<>(items, key.apply(items.get(items.size() - 1)));
      }
      items.add(mapper.apply(row));
    }
    return new Page<>(items, null);
  }

  static FailedEvent toFailedEvent(Row row) {
    return new FailedEvent(row.getLong("id"), row.getUUID("transaction_id"), row.getString("lane"),
      row.getString("source_system"), row.getString("transaction_key"), row.getString("event_type"),
      row.getString("body"), row.getString("cause"), row.getInteger("attempts"), instant(row, "first_failed_at"),
      instant(row, "last_failed_at"), row.getString("status"), row.getInteger("replays"),
      instant(row, "replay_requested_at"), row.getString("replay_requested_by"), instant(row, "replayed_at"),
      row.getString("replay_outcome"));
  }

  static ErpPosting toPosting(Row row) {
    Object lines = row.getValue("lines");
    return new ErpPosting(row.getLong("event_id"), row.getUUID("transaction_id"), row.getString("external_reference"), row.getString("status"),
      row.getString("lane"), row.getString("event_type"),
      lines instanceof io.vertx.core.json.JsonArray array ? array : null, row.getInteger("attempts"),
      row.getString("last_error"), row.getString("erp_document_id"), instant(row, "created_at"),
      instant(row, "next_attempt_at"), instant(row, "failed_at"), instant(row, "posted_at"),
      instant(row, "retry_requested_at"), row.getString("retry_requested_by"));
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
