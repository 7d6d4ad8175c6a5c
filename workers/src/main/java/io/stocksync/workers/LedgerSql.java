package io.stocksync.workers;

/** Every SQL statement of the ledger, in one place. */
final class LedgerSql {

  private LedgerSql() {
  }

  /**
   * Applies one event in one statement, hence one transaction: the event row (whose unique key
   * makes a second delivery insert nothing), its movements and count corrections, and the balances
   * they change; see {@code ledger_apply_event} in the V6 migration. Answers {@code outcome}
   * {@code applied} or {@code duplicate}. A duplicate that arrived under another transaction id (a
   * client's retry) is recorded against the original; a redelivery of the same transaction records
   * nothing new.
   */
  static final String APPLY_EVENT = """
    SELECT outcome, event_id, original_transaction_id, movements
      FROM ledger_apply_event($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    """;

  /**
   * The on-hand positions an applied event ($1, its event id) lowered and left below zero, for a
   * source that may not do that; see {@link NegativeOnHandPolicy}. A delta that a later count
   * absorbs (its count correction) lowers nothing.
   */
  static final String BELOW_ZERO = """
    SELECT b.item, b.location, b.lot, b.owner, b.unit, b.quantity, b.last_movement_id
      FROM (SELECT item, location, lot, owner, unit, sum(quantity) AS net
              FROM movement
             WHERE event_id = $1 AND state = 'on_hand'
             GROUP BY item, location, lot, owner, unit) m
      JOIN balance b ON b.item = m.item AND b.location = m.location AND b.lot = m.lot AND b.owner = m.owner
                    AND b.unit = m.unit AND b.state = 'on_hand'
     WHERE m.net < 0 AND b.quantity < 0
     ORDER BY b.item, b.location, b.lot, b.owner, b.unit
     LIMIT 1
    """;

  /** Whether the ledger holds the event of this source and transaction key already. */
  static final String KNOWS_EVENT = """
    SELECT 1 FROM inventory_event WHERE source_system = $1 AND transaction_key = $2
    """;

  static final String SAVEPOINT = "SAVEPOINT ledger_apply";

  static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT ledger_apply";
}
