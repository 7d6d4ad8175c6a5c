package io.stocksync.workers;

/** Every SQL statement of item resolution and the quarantine, in one place. */
final class QuarantineSql {

  private QuarantineSql() {
  }

  /** Keeps an event that cannot be applied yet; a second delivery of it only counts. */
  static final String QUARANTINE = """
    INSERT INTO quarantined_event (source_system, transaction_key, transaction_id, event_type, lane, reason, detail,
                                   missing_kind, missing_source, missing_code, payload, stock_movement_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
    ON CONFLICT (source_system, transaction_key) DO UPDATE
      SET last_seen = now(), deliveries = quarantined_event.deliveries + 1,
          stock_movement_id = greatest(quarantined_event.stock_movement_id, EXCLUDED.stock_movement_id)
    RETURNING (xmax = 0) AS first_time
    """;

  /**
   * Quarantined events that may resolve now, oldest first: their item mapping exists; the item's
   * pack size for their unit exists, or the item changed since they were last resolved (a
   * conversion that could not be exact is only tried again when its pack size or item changed);
   * the location their code comes to is in the location master (or the master is empty and not
   * required, $2); or, waiting for stock, a movement of the position came after the one they saw,
   * or their source ($3 the default, $4 refusing, $5 allowed sources) may now go below zero.
   */
  static final String RELEASABLE = """
    SELECT q.transaction_id
      FROM quarantined_event q
     WHERE q.released_at IS NULL
       AND CASE q.missing_kind
             WHEN 'location' THEN
               EXISTS (SELECT 1 FROM location l
                        WHERE l.code = coalesce((SELECT m.location FROM location_mapping m
                                                  WHERE m.source = q.missing_source AND m.code = q.missing_code),
                                                q.missing_code))
               OR (NOT $2::boolean AND NOT EXISTS (SELECT 1 FROM location))
             WHEN 'unit' THEN
               EXISTS (SELECT 1 FROM item_unit u
                        WHERE u.sku = q.missing_source AND u.unit = q.missing_code
                          AND (q.reason <> 'impossible-conversion' OR u.created_at > q.checked_at))
               OR EXISTS (SELECT 1 FROM item i
                           WHERE i.sku = q.missing_source AND (i.base_unit = q.missing_code OR i.updated_at > q.checked_at))
               OR NOT EXISTS (SELECT 1 FROM item i WHERE i.sku = q.missing_source)
             WHEN 'stock' THEN
               EXISTS (SELECT 1 FROM balance b
                        WHERE b.item = q.missing_source AND b.location = q.missing_code AND b.state = 'on_hand'
                          AND b.last_movement_id > coalesce(q.stock_movement_id, 0))
               OR NOT (CASE WHEN q.source_system = ANY ($4::text[]) THEN true
                            WHEN q.source_system = ANY ($5::text[]) THEN false
                            ELSE $3::boolean END)
             ELSE
               EXISTS (SELECT 1 FROM item_mapping m
                        WHERE m.kind = q.missing_kind AND m.source = q.missing_source AND m.code = q.missing_code)
           END
     ORDER BY q.redrive_attempts, q.first_seen
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
           stock_movement_id = $7, checked_at = now(), redrive_attempts = redrive_attempts + 1
     WHERE transaction_id = $1
    """;

  static final String RELEASED = """
    UPDATE quarantined_event SET released_at = now(), released_outcome = $2 WHERE transaction_id = $1
    """;

  static final String REDRIVE_FAILED = """
    UPDATE quarantined_event SET redrive_attempts = redrive_attempts + 1, last_error = $2 WHERE transaction_id = $1
    """;
}
