package io.stocksync.workers;

/** Every SQL statement of item resolution and the quarantine, in one place. */
final class QuarantineSql {

  private QuarantineSql() {
  }

  /** Keeps an event that cannot be applied yet; a second delivery of it only counts. */
  static final String QUARANTINE = """
    INSERT INTO quarantined_event (source_system, transaction_key, transaction_id, event_type, lane, reason, detail,
                                   missing_kind, missing_source, missing_code, payload)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    ON CONFLICT (source_system, transaction_key) DO UPDATE
      SET last_seen = now(), deliveries = quarantined_event.deliveries + 1
    RETURNING (xmax = 0) AS first_time
    """;

  /** Quarantined events whose missing item mapping or pack size now exists, oldest first. */
  static final String RELEASABLE = """
    SELECT q.transaction_id
      FROM quarantined_event q
     WHERE q.released_at IS NULL
       AND (EXISTS (SELECT 1 FROM item_mapping m
                     WHERE m.kind = q.missing_kind AND m.source = q.missing_source AND m.code = q.missing_code)
            OR EXISTS (SELECT 1 FROM item_unit u
                        WHERE q.missing_kind = 'unit' AND u.sku = q.missing_source AND u.unit = q.missing_code))
     ORDER BY q.first_seen
     LIMIT $1
    """;

  /** Claims one for release inside the caller's transaction; another replica's claim makes this return nothing. */
  static final String CLAIM = """
    SELECT lane, payload FROM quarantined_event
     WHERE transaction_id = $1 AND released_at IS NULL
       FOR UPDATE SKIP LOCKED
    """;

  /** Resolved one step further, but something else is missing now. */
  static final String STILL_MISSING = """
    UPDATE quarantined_event
       SET reason = $2, detail = $3, missing_kind = $4, missing_source = $5, missing_code = $6,
           redrive_attempts = redrive_attempts + 1
     WHERE transaction_id = $1
    """;

  static final String RELEASED = """
    UPDATE quarantined_event SET released_at = now(), released_outcome = $2 WHERE transaction_id = $1
    """;

  static final String REDRIVE_FAILED = """
    UPDATE quarantined_event SET redrive_attempts = redrive_attempts + 1, last_error = $2 WHERE transaction_id = $1
    """;
}
