package io.stocksync.workers.erp;

import io.stocksync.erp.ErpJournal;
import io.stocksync.erp.ErpLine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The ERP outbox: postings the ledger wrote with its movements, and what became of each. */
public final class OutboxRepository {

  /** One due posting, leased to this poster. */
  public record Due(long eventId, UUID transactionId, ErpJournal journal, boolean unknownOutcome, int attempts) {
  }

  /** How many postings wait, and how long the oldest has. */
  public record Backlog(long count, Duration oldest) {
  }

  private final Pool pool;

  public OutboxRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Due>> claim(int limit, Duration lease) {
    return pool.preparedQuery(OutboxSql.CLAIM).execute(Tuple.of(limit, (double) lease.toSeconds()))
      .map(rows -> {
        List<Due> due = new ArrayList<>();
        rows.forEach(row -> due.add(toDue(row)));
        return due;
      });
  }

  private static Due toDue(Row row) {
    String type = row.getString("event_type");
    List<ErpLine> lines = new ArrayList<>();
    JsonArray json = (JsonArray) row.getValue("lines");
    for (int i = 0; i < json.size(); i++) {
      JsonObject line = json.getJsonObject(i);
      lines.add(new ErpLine(line.getString("item"), line.getString("location"), line.getString("lot"),
        line.getString("unit"), new BigDecimal(line.getString("quantity")).stripTrailingZeros(), type));
    }
    return new Due(row.getLong("event_id"), row.getUUID("transaction_id"),
      new ErpJournal(row.getString("external_reference"), lines), "unknown".equals(row.getString("status")),
      row.getInteger("attempts"));
  }

  public Future<Void> posted(Due due, String documentId) {
    return pool.preparedQuery(OutboxSql.POSTED).execute(Tuple.of(due.eventId(), documentId)).mapEmpty();
  }

  public Future<Void> retryLater(Due due, boolean unknownOutcome, String error, Duration delay) {
    return pool.preparedQuery(OutboxSql.RETRY_LATER)
      .execute(Tuple.of(due.eventId(), unknownOutcome ? "unknown" : "pending", error, (double) delay.toMillis() / 1000))
      .mapEmpty();
  }

  public Future<Void> failed(Due due, String error) {
    return pool.preparedQuery(OutboxSql.FAILED).execute(Tuple.of(due.eventId(), error)).mapEmpty();
  }

  public Future<Backlog> backlog() {
    return pool.query(OutboxSql.BACKLOG).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new Backlog(row.getLong("backlog"), Duration.ofMillis((long) (row.getDouble("oldest_seconds") * 1000)));
    });
  }
}
