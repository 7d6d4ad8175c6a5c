package io.stocksync.gateway.idempotency;

/** Every SQL statement about Idempotency-Key records, in one place. */
final class IdempotencySql {

  private IdempotencySql() {
  }

  /**
   * Claims a key: a new key, an expired one, or one whose first request (same body) was abandoned
   * in flight for longer than $5 seconds. Returns a row only when the claim succeeded.
   */
  static final String CLAIM = """
    INSERT INTO idempotency_key (client_id, key, request_hash, state, expires_at, transaction_id)
    VALUES ($1, $2, $3, 'in_flight', now() + make_interval(secs => $4), $6)
    ON CONFLICT (client_id, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, state = 'in_flight', status = NULL, response_body = NULL,
          transaction_id = EXCLUDED.transaction_id, created_at = now(), expires_at = EXCLUDED.expires_at
      WHERE idempotency_key.expires_at < now()
         OR (idempotency_key.state = 'in_flight'
             AND idempotency_key.created_at < now() - make_interval(secs => $5)
             AND idempotency_key.request_hash = EXCLUDED.request_hash)
    RETURNING true AS claimed
    """;

  static final String SELECT = """
    SELECT request_hash, state, status, response_body, transaction_id
      FROM idempotency_key
     WHERE client_id = $1 AND key = $2 AND expires_at >= now()
    """;

  /** Only the claim's owner (its transaction id) completes it; a claim taken over meanwhile is left alone. */
  static final String COMPLETE = """
    UPDATE idempotency_key SET state = 'done', status = $3, response_body = $4
     WHERE client_id = $1 AND key = $2 AND state = 'in_flight' AND transaction_id = $5
    """;

  static final String RELEASE = """
    DELETE FROM idempotency_key WHERE client_id = $1 AND key = $2 AND state = 'in_flight' AND transaction_id = $3
    """;

  static final String PURGE_EXPIRED = """
    DELETE FROM idempotency_key
     WHERE ctid IN (SELECT ctid FROM idempotency_key WHERE expires_at < now() LIMIT 10000)
    """;
}
