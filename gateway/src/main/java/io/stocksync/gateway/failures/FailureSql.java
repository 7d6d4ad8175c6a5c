package io.stocksync.gateway.failures;

/** Every SQL statement of the failed events and ERP postings the admin API reads and re-sends. */
final class FailureSql {

  private FailureSql() {
  }

  static final String COLUMNS = """
    id, transaction_id, lane, source_system, transaction_key, event_type, body, cause, attempts, first_failed_at,
    last_failed_at, status, replays, replay_requested_at, replay_requested_by, replayed_at, replay_outcome
    """;

  /**
   * The filter of a list or a replay: status ($1), lane ($2), source ($3), type ($4), a
   * case-insensitive substring of the cause ($5), last failed at or after ($6) and before ($7).
   */
  static final String FILTER = """
     WHERE ($1::text IS NULL OR status = $1)
       AND ($2::text IS NULL OR lane = $2)
       AND ($3::text IS NULL OR source_system = $3)
       AND ($4::text IS NULL OR event_type = $4)
       AND ($5::text IS NULL OR strpos(lower(cause), lower($5)) > 0)
       AND ($6::timestamptz IS NULL OR last_failed_at >= $6)
       AND ($7::timestamptz IS NULL OR last_failed_at < $7)
    """;

  /** One page, newest first, after the cursor ($8: the id of the last entry shown) if given. */
  static final String SELECT_PAGE = "SELECT " + COLUMNS + " FROM failed_event" + FILTER + """
       AND ($8::bigint IS NULL OR id < $8)
     ORDER BY id DESC
     LIMIT $9
    """;

  static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM failed_event WHERE id = $1";

  /** Requests the replay of one failed event; no row when it is not failed (or not there). */
  static final String REQUEST_ONE = """
    UPDATE failed_event
       SET status = 'replay_requested', replay_requested_at = now(), replay_requested_by = $2, replays = replays + 1
     WHERE id = $1 AND status = 'failed'
    RETURNING
    """ + COLUMNS;

  /**
   * Requests the replay of every failed event the filter matches ($1 is 'failed' or null), and
   * counts those that were requested or replayed already.
   */
  static final String REQUEST_MATCHING = "WITH matching AS (SELECT id, status FROM failed_event" + FILTER + """
    ), requested AS (
      UPDATE failed_event f
         SET status = 'replay_requested', replay_requested_at = now(), replay_requested_by = $8,
             replays = f.replays + 1
        FROM matching m
       WHERE f.id = m.id AND f.status = 'failed'
      RETURNING f.id)
    SELECT (SELECT count(*) FROM requested) AS requested,
           (SELECT count(*) FROM matching WHERE status = 'replay_requested') AS already_requested,
           (SELECT count(*) FROM matching WHERE status = 'replayed') AS already_replayed
    """;

  static final String POSTING_COLUMNS = """
    transaction_id, external_reference, status, lane, event_type, lines, attempts, last_error, erp_document_id,
    created_at, next_attempt_at, failed_at, posted_at, retry_requested_at, retry_requested_by
    """;

  /** Postings in the given states ($1), newest first, after the cursor ($2: the event id of the last one shown). */
  static final String SELECT_POSTINGS = "SELECT event_id, " + POSTING_COLUMNS + """
      FROM erp_posting
     WHERE status = ANY($1)
       AND ($2::bigint IS NULL OR event_id < $2)
     ORDER BY event_id DESC
     LIMIT $3
    """;

  static final String SELECT_POSTING = "SELECT event_id, " + POSTING_COLUMNS
    + " FROM erp_posting WHERE transaction_id = $1";

  /**
   * Sends a failed or unknown posting again now: a failed one becomes pending; an unknown one stays
   * unknown, so the poster still asks the ERP first, but it is due at once. No row when it is neither.
   */
  static final String RETRY_POSTING = """
    UPDATE erp_posting
       SET status = CASE status WHEN 'failed' THEN 'pending' ELSE status END, next_attempt_at = now(),
           retry_requested_at = now(), retry_requested_by = $2
     WHERE transaction_id = $1 AND status IN ('failed', 'unknown')
    RETURNING event_id,
    """ + POSTING_COLUMNS;
}
