package io.stocksync.workers;

/** Every SQL statement of the failed events, in one place. */
final class FailedEventSql {

  private FailedEventSql() {
  }

  /** A poison message of a known transaction: one row, its attempts ($8) added up across failures. */
  static final String RECORD = """
    INSERT INTO failed_event (transaction_id, lane, source_system, transaction_key, event_type, body, cause, attempts)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (transaction_id) DO UPDATE
      SET attempts = failed_event.attempts + EXCLUDED.attempts, last_failed_at = now(), cause = EXCLUDED.cause,
          status = 'failed'
    """;

  /** A message too broken to name its transaction: a row per delivery. */
  static final String RECORD_UNREADABLE = """
    INSERT INTO failed_event (lane, body, cause) VALUES ($1, $2, $3)
    """;

  static final String REPLAY_REQUESTED = """
    SELECT id FROM failed_event WHERE status = 'replay_requested' ORDER BY replay_requested_at, id LIMIT $1
    """;

  /** Claims one requested replay inside the caller's transaction. */
  static final String CLAIM_REPLAY = """
    SELECT id, lane, body FROM failed_event WHERE id = $1 AND status = 'replay_requested' FOR UPDATE SKIP LOCKED
    """;

  static final String REPLAYED = """
    UPDATE failed_event SET status = 'replayed', replayed_at = now(), replay_outcome = $2 WHERE id = $1
    """;

  /** The replay failed as well: failed again, with the new cause, and may be replayed once more. */
  static final String REPLAY_FAILED = """
    UPDATE failed_event
       SET status = 'failed', attempts = attempts + 1, last_failed_at = now(), cause = $2,
           replayed_at = now(), replay_outcome = 'failed'
     WHERE id = $1
    """;
}
