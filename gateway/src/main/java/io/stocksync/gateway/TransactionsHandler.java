package io.stocksync.gateway;

import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.AuthenticationHandler;
import io.stocksync.gateway.auth.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code GET /v1/transactions/{id}}: what happened to one request, stage by stage: what the
 * gateway did (received, validated, queued or rejected) and what the workers did (dead-lettered and
 * replayed on request, quarantined until its item mapping appeared, applied with its movements, or
 * recognised as a duplicate of an earlier transaction), and what became of its ERP posting.
 */
final class TransactionsHandler {

  static final String SELECT_GATEWAY = """
    SELECT outcome, client_id, source_system, transaction_key, event_type, lane, priority, problem_type, status,
           received_at, validated_at, queued_at
      FROM gateway_transaction
     WHERE transaction_id = $1
    """;

  static final String SELECT_LEDGER = """
    SELECT 'applied' AS outcome, e.id AS event_id, e.transaction_id AS original, e.event_type, e.source_system,
           e.transaction_key, e.lane, e.occurred_at, e.received_at, e.applied_at AS recorded_at
      FROM inventory_event e
     WHERE e.transaction_id = $1
    UNION ALL
    SELECT 'duplicate', e.id, e.transaction_id, e.event_type, e.source_system,
           e.transaction_key, d.lane, e.occurred_at, d.received_at, d.seen_at
      FROM duplicate_delivery d JOIN inventory_event e ON e.id = d.original_event_id
     WHERE d.transaction_id = $1
    """;

  /** An accepted event the workers keep until its item mapping appears. */
  static final String SELECT_QUARANTINE = """
    SELECT source_system, transaction_key, event_type, lane, reason, detail, first_seen, last_seen, released_at,
           released_outcome
      FROM quarantined_event
     WHERE transaction_id = $1
    """;

  /** An event a worker dead-lettered, and its replay when one was asked for. */
  static final String SELECT_FAILED = """
    SELECT source_system, transaction_key, event_type, lane, cause, attempts, first_failed_at, last_failed_at, status,
           replay_requested_at, replay_requested_by, replayed_at, replay_outcome
      FROM failed_event
     WHERE transaction_id = $1
    """;

  /** What became of the ERP posting of an applied event (none: it moved no stock the ERP books). */
  static final String SELECT_ERP = """
    SELECT status, external_reference, erp_document_id, attempts, last_error, created_at, posted_at, failed_at,
           retry_requested_at, retry_requested_by
      FROM erp_posting
     WHERE event_id = $1
    """;

  static final String SELECT_MOVEMENTS = """
    SELECT item, location, lot, owner, state, unit, quantity, kind, counted, occurred_at, recorded_at
      FROM movement
     WHERE event_id = $1
     ORDER BY id
    """;

  private final Pool pool;

  TransactionsHandler(Pool pool) {
    this.pool = pool;
  }

  void show(RoutingContext ctx) {
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      ctx.fail(new ProblemException(ProblemType.INVALID_QUERY,
        "'" + ctx.pathParam("id") + "' is not a transaction id (a UUID as returned by POST /v1/events)"));
      return;
    }
    Future<RowSet<Row>> gateway = pool.preparedQuery(SELECT_GATEWAY).execute(Tuple.of(id));
    Future<RowSet<Row>> ledger = pool.preparedQuery(SELECT_LEDGER).execute(Tuple.of(id));
    Future<RowSet<Row>> quarantine = pool.preparedQuery(SELECT_QUARANTINE).execute(Tuple.of(id));
    Future<RowSet<Row>> failed = pool.preparedQuery(SELECT_FAILED).execute(Tuple.of(id));
    Future.all(gateway, ledger, quarantine, failed)
      .compose(v -> {
        Row front = first(gateway.result());
        Row back = first(ledger.result());
        Row held = first(quarantine.result());
        Row dead = first(failed.result());
        ApiClient caller = AuthenticationHandler.client(ctx);
        boolean someoneElses = front != null && front.getString("client_id") != null
          && !front.getString("client_id").equals(caller.id()) && !caller.has(Scope.ADMIN);
        if ((front == null && back == null && held == null && dead == null) || someoneElses) {
          // another client's transaction is reported as unknown: its existence is not ours to reveal
          throw new ProblemException(ProblemType.TRANSACTION_NOT_FOUND, "no stage of transaction " + id
            + " is recorded (yet): the gateway records its stages within a second of answering");
        }
        boolean applied = back != null && "applied".equals(back.getString("outcome"));
        Future<RowSet<Row>> movements = !applied ? Future.succeededFuture(null)
          : pool.preparedQuery(SELECT_MOVEMENTS).execute(Tuple.of(back.getLong("event_id")));
        Future<RowSet<Row>> erp = !applied ? Future.succeededFuture(null)
          : pool.preparedQuery(SELECT_ERP).execute(Tuple.of(back.getLong("event_id")));
        return Future.all(movements, erp).map(done -> {
          JsonObject body = toJson(id, front, back, held, dead, movements.result());
          Row posting = erp.result() == null ? null : first(erp.result());
          if (posting != null) {
            erpStage(posting, body.getJsonArray("stages"));
            body.put("erp", erpJson(posting));
          }
          return body;
        });
      })
      .onSuccess(body -> ctx.response().putHeader("Content-Type", "application/json").end(body.toBuffer()))
      .onFailure(e -> ctx.fail(e instanceof ProblemException ? e : new ProblemException(
        ProblemType.DATABASE_UNAVAILABLE, "the ledger did not answer: " + e.getMessage(), null, 5)));
  }

  private static Row first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  private static JsonObject toJson(UUID id, Row front, Row back, Row held, Row dead, RowSet<Row> movements) {
    JsonArray stages = new JsonArray();
    JsonObject body = new JsonObject().put("transactionId", id.toString());
    if (front != null) {
      gatewayStages(front, stages);
      body.put("status", front.getString("outcome"))
        .put("client", front.getString("client_id"))
        .put("type", front.getString("event_type"))
        .put("source", front.getString("source_system"))
        .put("transactionKey", front.getString("transaction_key"));
    } else if (back != null) {
      // the gateway's record is missing (written in batches; lost in a crash): the ledger still knows these
      stages.add(stage("received", back.getOffsetDateTime("received_at")));
      stages.add(stage("queued", null).put("lane", back.getString("lane")));
    } else {
      Row known = held != null ? held : dead;
      body.put("type", known.getString("event_type"))
        .put("source", known.getString("source_system"))
        .put("transactionKey", known.getString("transaction_key"));
      stages.add(stage("queued", null).put("lane", known.getString("lane")));
    }
    if (dead != null) {
      failedStages(dead, stages, body);
    }
    if (held != null) {
      stages.add(stage("quarantined", held.getOffsetDateTime("first_seen"))
        .put("reason", held.getString("reason"))
        .put("detail", held.getString("detail")));
      if (held.getOffsetDateTime("released_at") == null) {
        body.put("status", "quarantined");
      } else {
        stages.add(stage("released", held.getOffsetDateTime("released_at")));
      }
    }
    if (back == null) {
      return body.put("stages", stages);
    }
    boolean duplicate = "duplicate".equals(back.getString("outcome"));
    stages.add(stage(duplicate ? "duplicate" : "applied", back.getOffsetDateTime("recorded_at")));
    body.put("status", duplicate ? "duplicate" : "applied")
      .put("type", back.getString("event_type"))
      .put("source", back.getString("source_system"))
      .put("transactionKey", back.getString("transaction_key"))
      .put("occurredAt", back.getOffsetDateTime("occurred_at").toInstant().toString())
      .put("stages", stages);
    if (duplicate) {
      return body.put("duplicateOf", back.getUUID("original").toString());
    }
    JsonArray list = new JsonArray();
    for (Row m : movements) {
      String lot = m.getString("lot");
      list.add(new JsonObject()
        .put("item", m.getString("item"))
        .put("location", m.getString("location"))
        .put("lot", lot.isEmpty() ? null : lot)
        .put("state", m.getString("state"))
        .put("unit", m.getString("unit"))
        .put("quantity", m.getBigDecimal("quantity").stripTrailingZeros().toPlainString())
        .put("kind", m.getString("kind")));
      JsonObject added = list.getJsonObject(list.size() - 1);
      String owner = m.getString("owner");
      if (!owner.isEmpty()) {
        added.put("owner", owner);
      }
      if (m.getBigDecimal("counted") != null) {
        added.put("counted", m.getBigDecimal("counted").stripTrailingZeros().toPlainString());
      }
      if ("count_correction".equals(m.getString("kind"))) {
        // a late event corrects a count that had already seen it, at the count's time
        added.put("occurredAt", m.getOffsetDateTime("occurred_at").toInstant().toString());
      }
    }
    return body.put("movements", list);
  }

  /**
   * A dead-lettered event: dead_lettered (when it first failed, with the latest cause while it is
   * failed), then replay_requested and, once a worker replayed it, replayed with its outcome; the
   * ledger's own stage (applied, duplicate, quarantined) follows. A replay that failed again ends in
   * replay_failed with its cause.
   */
  private static void failedStages(Row dead, JsonArray stages, JsonObject body) {
    String status = dead.getString("status");
    String outcome = dead.getString("replay_outcome");
    boolean failedAgain = "failed".equals(outcome);
    JsonObject deadLettered = stage("dead_lettered", dead.getOffsetDateTime("first_failed_at"))
      .put("attempts", dead.getInteger("attempts"));
    if (!failedAgain || "replay_requested".equals(status)) {
      deadLettered.put("cause", dead.getString("cause"));
    }
    stages.add(deadLettered);
    if (dead.getOffsetDateTime("replay_requested_at") != null) {
      stages.add(stage("replay_requested", dead.getOffsetDateTime("replay_requested_at"))
        .put("by", dead.getString("replay_requested_by")));
    }
    if ("replayed".equals(status)) {
      stages.add(stage("replayed", dead.getOffsetDateTime("replayed_at")).put("outcome", outcome));
    } else if (failedAgain && "failed".equals(status)) {
      stages.add(stage("replay_failed", dead.getOffsetDateTime("replayed_at")).put("cause", dead.getString("cause")));
    }
    if (!"replayed".equals(status)) {
      body.put("status", "failed".equals(status) ? "dead_lettered" : "replay_requested");
    }
  }

  /**
   * The posting's progress as stages: erp_failed when the ERP refused it (with its error while it
   * stays refused), erp_retry_requested when an operator sent it again, erp_posted when the ERP
   * holds it.
   */
  private static void erpStage(Row posting, JsonArray stages) {
    String status = posting.getString("status");
    OffsetDateTime failedAt = posting.getOffsetDateTime("failed_at");
    OffsetDateTime retriedAt = posting.getOffsetDateTime("retry_requested_at");
    JsonObject failed = failedAt == null && !"failed".equals(status) ? null : stage("erp_failed", failedAt);
    if (failed != null && "failed".equals(status)) {
      failed.put("error", posting.getString("last_error"));
    }
    JsonObject retried = retriedAt == null ? null
      : stage("erp_retry_requested", retriedAt).put("by", posting.getString("retry_requested_by"));
    // refused again after the retry: the retry comes first
    boolean retryFirst = retried != null && failed != null && failedAt != null && failedAt.isAfter(retriedAt);
    if (retryFirst) {
      stages.add(retried);
    }
    if (failed != null) {
      stages.add(failed);
    }
    if (retried != null && !retryFirst) {
      stages.add(retried);
    }
    if ("posted".equals(status)) {
      stages.add(stage("erp_posted", posting.getOffsetDateTime("posted_at"))
        .put("documentId", posting.getString("erp_document_id")));
    }
  }

  private static JsonObject erpJson(Row posting) {
    JsonObject erp = new JsonObject()
      .put("status", posting.getString("status"))
      .put("reference", posting.getString("external_reference"))
      .put("attempts", posting.getInteger("attempts"));
    if (posting.getString("erp_document_id") != null) {
      erp.put("documentId", posting.getString("erp_document_id"));
    }
    if (posting.getString("last_error") != null) {
      erp.put("lastError", posting.getString("last_error"));
    }
    return erp;
  }

  private static void gatewayStages(Row row, JsonArray stages) {
    stages.add(stage("received", row.getOffsetDateTime("received_at")));
    if ("rejected".equals(row.getString("outcome"))) {
      stages.add(stage("rejected", row.getOffsetDateTime("received_at"))
        .put("httpStatus", row.getInteger("status"))
        .put("problemType", row.getString("problem_type")));
      return;
    }
    stages.add(stage("validated", row.getOffsetDateTime("validated_at")));
    stages.add(stage("queued", row.getOffsetDateTime("queued_at"))
      .put("lane", row.getString("lane"))
      .put("priority", row.getInteger("priority")));
  }

  private static JsonObject stage(String name, OffsetDateTime at) {
    JsonObject stage = new JsonObject().put("stage", name);
    if (at != null) {
      stage.put("at", at.toInstant().toString());
    }
    return stage;
  }
}
