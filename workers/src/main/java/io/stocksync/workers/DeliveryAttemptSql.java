package io.stocksync.workers;

/** Every SQL statement of the delivery counts of redelivered messages, in one place. */
final class DeliveryAttemptSql {

  private DeliveryAttemptSql() {
  }

  /**
   * Counts one more delivery of a redelivered message and answers the total. The first delivery
   * left no row (it was not a redelivery), so a first row starts at 2.
   */
  static final String COUNT_REDELIVERY = """
    INSERT INTO delivery_attempt (transaction_id, lane, deliveries) VALUES ($1, $2, 2)
    ON CONFLICT (transaction_id) DO UPDATE
      SET deliveries = delivery_attempt.deliveries + 1, last_delivered_at = now()
    RETURNING deliveries
    """;

  /** The message was acked or dead-lettered: its count is no longer needed. */
  static final String FORGET = """
    DELETE FROM delivery_attempt WHERE transaction_id = $1
    """;
}
