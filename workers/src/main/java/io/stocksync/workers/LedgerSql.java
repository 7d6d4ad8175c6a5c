package io.stocksync.workers;

/** Every SQL statement of the ledger, in one place. */
final class LedgerSql {

  private LedgerSql() {
  }

  /**
   * Applies one event in one statement, hence one transaction: the event row (whose unique key
   * makes a second delivery insert nothing), its movement, and the balance it changes. Returns
   * {@code applied = 1} when the event was new, {@code 0} when it was a duplicate. A duplicate that
   * arrived under another transaction id (a client's retry) is recorded against the original; a
   * redelivery of the same transaction records nothing new.
   */
  static final String APPLY_ON_HAND_DELTA = """
    WITH ev AS (
      INSERT INTO inventory_event (transaction_id, source_system, transaction_key, event_type, lane,
                                   occurred_at, received_at, payload)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT DO NOTHING
      RETURNING id
    ), mv AS (
      INSERT INTO movement (event_id, item, location, lot, state, unit, quantity, occurred_at)
      SELECT ev.id, $9, $10, $11, 'on_hand', $12, $13, $6 FROM ev
      RETURNING id, item, location, lot, state, unit, quantity
    ), bal AS (
      INSERT INTO balance (item, location, lot, state, unit, quantity, last_movement_id)
      SELECT item, location, lot, state, unit, quantity, id FROM mv
      ON CONFLICT (item, location, lot, state, unit) DO UPDATE
        SET quantity = balance.quantity + EXCLUDED.quantity,
            last_movement_id = EXCLUDED.last_movement_id,
            updated_at = now()
      RETURNING 1
    ), dup AS (
      INSERT INTO duplicate_delivery (transaction_id, original_event_id, lane, received_at)
      SELECT $1, e.id, $5, $7 FROM inventory_event e
       WHERE NOT EXISTS (SELECT 1 FROM ev)
         AND e.source_system = $2 AND e.transaction_key = $3 AND e.transaction_id <> $1
      ON CONFLICT (transaction_id) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM ev) AS applied, (SELECT count(*) FROM bal) AS balances,
           (SELECT count(*) FROM dup) AS duplicates
    """;
}
