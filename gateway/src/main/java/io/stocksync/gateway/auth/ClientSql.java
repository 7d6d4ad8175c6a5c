package io.stocksync.gateway.auth;

/** Every SQL statement about clients and keys, in one place. */
final class ClientSql {

  private ClientSql() {
  }

  static final String COLUMNS = """
    c.id, c.name, c.client_class, c.scopes, c.event_types, c.locations, c.rate_per_second, c.burst, c.shadow_limit,
    c.disabled_at IS NOT NULL AS disabled
    """;

  static final String INSERT_CLIENT = """
    INSERT INTO api_client (id, name, client_class, scopes, event_types, locations, rate_per_second, burst, shadow_limit)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    ON CONFLICT (id) DO NOTHING
    """;

  static final String UPSERT_CLIENT = """
    INSERT INTO api_client (id, name, client_class, scopes, event_types, locations, rate_per_second, burst, shadow_limit)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, client_class = EXCLUDED.client_class,
      scopes = EXCLUDED.scopes, event_types = EXCLUDED.event_types, locations = EXCLUDED.locations,
      rate_per_second = EXCLUDED.rate_per_second, burst = EXCLUDED.burst, shadow_limit = EXCLUDED.shadow_limit,
      disabled_at = NULL
    """;

  static final String SELECT_CLIENTS = "SELECT " + COLUMNS + " FROM api_client c ORDER BY c.id";

  /** Disabled clients too: authentication tells a disabled client apart from an unknown one. */
  static final String SELECT_CLIENT = "SELECT " + COLUMNS + " FROM api_client c WHERE c.id = $1";

  static final String LOCK_CLIENT = "SELECT id FROM api_client WHERE id = $1 FOR UPDATE";

  static final String SELECT_CLIENT_FOR_UPDATE = "SELECT " + COLUMNS + " FROM api_client c WHERE c.id = $1 FOR UPDATE";

  static final String UPDATE_CLIENT = """
    UPDATE api_client SET name = $2, client_class = $3, scopes = $4, event_types = $5, locations = $6,
      rate_per_second = $7, burst = $8, shadow_limit = $9
     WHERE id = $1
    """;

  /** Disabling keeps the first time it was disabled; enabling clears it. */
  static final String SET_DISABLED = "UPDATE api_client c SET disabled_at = CASE WHEN $2 THEN coalesce(c.disabled_at, now()) END"
    + " WHERE c.id = $1 RETURNING " + COLUMNS;

  static final String COUNT_ACTIVE_KEYS = "SELECT count(*) AS active FROM api_key WHERE client_id = $1 AND revoked_at IS NULL";

  static final String INSERT_KEY = """
    INSERT INTO api_key (id, client_id, key_hash, key_prefix) VALUES ($1, $2, $3, $4)
    """;

  static final String REVOKE_KEY = """
    UPDATE api_key SET revoked_at = now() WHERE client_id = $1 AND id = $2 AND revoked_at IS NULL
    """;

  /** Provisioning the same key again (a fixed dev key) replaces its earlier row instead of colliding. */
  static final String DELETE_KEY_BY_HASH = "DELETE FROM api_key WHERE client_id = $1 AND key_hash = $2";

  static final String REVOKE_ALL_KEYS = "UPDATE api_key SET revoked_at = now() WHERE client_id = $1 AND revoked_at IS NULL";

  static final String SELECT_KEYS = """
    SELECT id, key_prefix, created_at, revoked_at FROM api_key WHERE client_id = $1 ORDER BY created_at
    """;

  static final String AUTHENTICATE = "SELECT " + COLUMNS + """
    , k.id AS key_id, k.key_hash
      FROM api_key k JOIN api_client c ON c.id = k.client_id
     WHERE k.key_hash = $1 AND k.revoked_at IS NULL
    """;
}
