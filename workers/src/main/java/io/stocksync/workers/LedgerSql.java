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
}
