package io.stocksync.workers.erp;

/** Every SQL statement of the ERP outbox, in one place. */
final class OutboxSql {

  private OutboxSql() {
  }

  /**
   * Leases due postings to this poster, critical lane first, then oldest: another poster skips
   * them until the lease ends, so a crashed poster's postings are taken over, not lost.
   */
  static final String CLAIM = """
    UPDATE erp_posting p
       SET claimed_until = now() + make_interval(secs => $2), attempts = p.attempts + 1
      FROM (SELECT event_id FROM erp_posting
             WHERE status IN ('pending', 'unknown') AND next_attempt_at <= now()
               AND (claimed_until IS NULL OR claimed_until < now())
             ORDER BY lane_rank, event_id
             LIMIT $1
               FOR UPDATE SKIP LOCKED) due
     WHERE p.event_id = due.event_id
    RETURNING p.event_id, p.transaction_id, p.external_reference, p.event_type, p.lines, p.status, p.attempts
    """;

  static final String POSTED = """
    UPDATE erp_posting
       SET status = 'posted', erp_document_id = $2, posted_at = now(), claimed_until = NULL, last_error = NULL
     WHERE event_id = $1
    """;

  /** Stays due: pending (nothing was applied) or unknown (ask the ERP before posting again). */
  static final String RETRY_LATER = """
    UPDATE erp_posting
       SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4), claimed_until = NULL
     WHERE event_id = $1
    """;

  static final String FAILED = """
    UPDATE erp_posting SET status = 'failed', last_error = $2, claimed_until = NULL, failed_at = now() WHERE event_id = $1
    """;

  static final String BACKLOG = """
    SELECT count(*) AS backlog, coalesce(extract(epoch FROM now() - min(created_at)), 0) AS oldest_seconds
      FROM erp_posting
     WHERE status IN ('pending', 'unknown')
    """;
}
