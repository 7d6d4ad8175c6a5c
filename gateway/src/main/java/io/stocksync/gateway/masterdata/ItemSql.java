package io.stocksync.gateway.masterdata;

/** Every SQL statement of the item master (items and pack sizes), in one place. */
final class ItemSql {

  private ItemSql() {
  }

  /** Serializes writers of the item master: plans are checked against what no one else is changing. */
  static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('stocksync.item-master', 0))";

  static final String ITEM_COLUMNS = "i.sku, i.base_unit, i.description, i.created_at, i.updated_at, i.created_by";

  /** The stored items among $1, with whether any balance of them exists. */
  static final String STORED = "SELECT " + ITEM_COLUMNS + """
    , EXISTS (SELECT 1 FROM balance b WHERE b.item = i.sku) AS stocked
      FROM item i WHERE i.sku = ANY ($1::text[])
    """;

  /** Pack sizes of the items $1; one written by SQL without its definition is defined in the base unit. */
  static final String PACKS = """
    SELECT u.sku, u.unit, coalesce(u.per_quantity, u.factor) AS per_quantity, coalesce(u.per_unit, i.base_unit) AS per_unit,
           u.factor, u.created_at, u.created_by
      FROM item_unit u JOIN item i ON i.sku = u.sku
     WHERE u.sku = ANY ($1::text[])
     ORDER BY u.sku, u.factor, u.unit
    """;

  /** Creates or updates items (parallel arrays of SKU, base unit, description). */
  static final String UPSERT_ITEMS = """
    INSERT INTO item (sku, base_unit, description, created_by)
    SELECT u.sku, u.base_unit, u.description, $4
      FROM unnest($1::text[], $2::text[], $3::text[]) AS u (sku, base_unit, description)
    ON CONFLICT (sku) DO UPDATE
      SET base_unit = EXCLUDED.base_unit, description = EXCLUDED.description, updated_at = now()
    """;

  /** Adds pack sizes (parallel arrays of SKU, unit, quantity, of, factor; numbers as text, exactly). */
  static final String INSERT_PACKS = """
    INSERT INTO item_unit (sku, unit, per_quantity, per_unit, factor, created_by)
    SELECT u.sku, u.unit, u.per_quantity::numeric, u.per_unit, u.factor::numeric, $6
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u (sku, unit, per_quantity, per_unit, factor)
    """;

  /** One page of items in SKU order, after $1 (the last SKU shown) if given. */
  static final String ITEMS = "SELECT " + ITEM_COLUMNS + """
      FROM item i
     WHERE ($1::text IS NULL OR i.sku > $1)
     ORDER BY i.sku
     LIMIT $2
    """;
}
