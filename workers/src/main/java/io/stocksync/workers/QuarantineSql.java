package io.stocksync.workers;

/** Every SQL statement of item resolution and the quarantine, in one place. */
final class QuarantineSql {

  private QuarantineSql() {
  }

  /** The SKU of a GTIN (source '') or of a source's partner code. */
  static final String RESOLVE_ITEM = """
    SELECT sku FROM item_mapping WHERE kind = $1 AND source = $2 AND code = $3
    """;

  /** Keeps an event that cannot be applied yet; a second delivery of it only counts. */
  static final String QUARANTINE = """
    INSERT INTO quarantined_event (source_system, transaction_key, transaction_id, event_type, lane, reason, detail,
                                   missing_kind, missing_source, missing_code, payload)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    ON CONFLICT (source_system, transaction_key) DO UPDATE
      SET last_seen = now(), deliveries = quarantined_event.deliveries + 1
    RETURNING (xmax = 0) AS first_time
    """;

  /** Quarantined events whose missing mapping now exists, oldest first. */
  static final String RELEASABLE = """
    SELECT q.transaction_id
      FROM quarantined_event q
      JOIN item_mapping m ON m.kind = q.missing_kind AND m.source = q.missing_source AND m.code = q.missing_code
     WHERE q.released_at IS NULL
     ORDER BY q.first_seen
     LIMIT $1
    """;

  /** Claims one for release inside the caller's transaction; another replica's claim makes this return nothing. */
  static final String CLAIM = """
    SELECT q.lane, q.payload, m.sku
      FROM quarantined_event q
      JOIN item_mapping m ON m.kind = q.missing_kind AND m.source = q.missing_source AND m.code = q.missing_code
     WHERE q.transaction_id = $1 AND q.released_at IS NULL
       FOR UPDATE OF q SKIP LOCKED
    """;

  static final String RELEASED = """
    UPDATE quarantined_event SET released_at = now(), released_outcome = $2 WHERE transaction_id = $1
    """;

  static final String REDRIVE_FAILED = """
    UPDATE quarantined_event SET redrive_attempts = redrive_attempts + 1, last_error = $2 WHERE transaction_id = $1
    """;

  static final String WAITING = """
    SELECT count(*) AS waiting, min(first_seen) AS oldest FROM quarantined_event WHERE released_at IS NULL
    """;
}
