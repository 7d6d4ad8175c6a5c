package io.stocksync.gateway.masterdata;

/** Every SQL statement of the item mappings and the quarantine view of the admin API, in one place. */
final class MasterDataSql {

  private MasterDataSql() {
  }

  static final String MAPPING_COLUMNS = "kind, source, code, sku, created_at, created_by";

  /** Stores a mapping unless its code is mapped already; returns the row only when it was stored. */
  static final String INSERT_MAPPING = """
    INSERT INTO item_mapping (kind, source, code, sku, created_by) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (kind, source, code) DO NOTHING
    RETURNING\s""" + MAPPING_COLUMNS;

  static final String SELECT_MAPPING = "SELECT " + MAPPING_COLUMNS
    + " FROM item_mapping WHERE kind = $1 AND source = $2 AND code = $3";

  /** One page in key order; each filter and the cursor ($5-$7, the last key shown) are optional. */
  static final String SELECT_MAPPINGS = "SELECT " + MAPPING_COLUMNS + """
     FROM item_mapping
     WHERE ($1::text IS NULL OR sku = $1)
       AND ($2::text IS NULL OR source = $2)
       AND ($3::text IS NULL OR kind = $3)
       AND ($4::text IS NULL OR code = $4)
       AND ($5::text IS NULL OR (kind, source, code) > ($5::text, $6::text, $7::text))
     ORDER BY kind, source, code
     LIMIT $8
    """;

  /**
   * Stores every mapping of an import not stored yet, in one statement (parallel arrays of kind,
   * source, code and SKU). A code that is already mapped, to whichever SKU, is left alone.
   */
  static final String IMPORT_MAPPINGS = """
    INSERT INTO item_mapping (kind, source, code, sku, created_by)
    SELECT u.kind, u.source, u.code, u.sku, $5
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u (kind, source, code, sku)
    ON CONFLICT (kind, source, code) DO NOTHING
    """;

  /**
   * The rows of an import (1-based position) whose code is mapped to another SKU than the row's.
   * Run after the insert, so that it also sees mappings another transaction committed meanwhile.
   */
  static final String IMPORT_CONFLICTS = """
    SELECT u.position, m.sku
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u (kind, source, code, sku, position)
      JOIN item_mapping m ON m.kind = u.kind AND m.source = u.source AND m.code = u.code
     WHERE m.sku <> u.sku
     ORDER BY u.position
    """;

  static final String QUARANTINE_COLUMNS = """
    transaction_id, source_system, transaction_key, event_type, lane, reason, detail, missing_kind, missing_source,
    missing_code, payload, first_seen, last_seen, deliveries, redrive_attempts, last_error, released_at, released_outcome
    """;

  /**
   * One page, newest first: waiting ($1), released ($2) or both, of one source or all ($3), after
   * the cursor ($4, $5: first_seen and transaction_id of the last entry shown) if given.
   */
  static final String SELECT_QUARANTINE = "SELECT " + QUARANTINE_COLUMNS + """
      FROM quarantined_event
     WHERE (($1::boolean AND released_at IS NULL) OR ($2::boolean AND released_at IS NOT NULL))
       AND ($3::text IS NULL OR source_system = $3)
       AND ($4::timestamptz IS NULL OR (first_seen, transaction_id) < ($4::timestamptz, $5::uuid))
     ORDER BY first_seen DESC, transaction_id DESC
     LIMIT $6
    """;

  static final String SELECT_QUARANTINED = "SELECT " + QUARANTINE_COLUMNS
    + " FROM quarantined_event WHERE transaction_id = $1";
}
