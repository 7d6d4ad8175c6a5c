package io.stocksync.gateway.masterdata;

/** Every SQL statement of the location master and the partners' location codes, in one place. */
final class LocationSql {

  private LocationSql() {
  }

  static final String UPSERT_LOCATION = """
    INSERT INTO location (code, name, created_by) VALUES ($1, $2, $3)
    ON CONFLICT (code) DO UPDATE SET name = coalesce(EXCLUDED.name, location.name)
    RETURNING code, name, created_at, created_by, (xmax = 0) AS created
    """;

  static final String LOCATIONS = """
    SELECT code, name, created_at, created_by FROM location
     WHERE ($1::text IS NULL OR code > $1)
     ORDER BY code
     LIMIT $2
    """;

  static final String MAPPING_COLUMNS = "source, code, location, created_at, created_by";

  /** Stores mappings not stored yet (parallel arrays of source, code, location); a mapped code is left alone. */
  static final String IMPORT_MAPPINGS = """
    INSERT INTO location_mapping (source, code, location, created_by)
    SELECT u.source, u.code, u.location, $4
      FROM unnest($1::text[], $2::text[], $3::text[]) AS u (source, code, location)
    ON CONFLICT (source, code) DO NOTHING
    """;

  /** Rows (1-based position) whose code is mapped to another location; or whose location the master lacks. */
  static final String IMPORT_CONFLICTS = """
    SELECT u.position, m.location AS existing,
           EXISTS (SELECT 1 FROM location) AND NOT EXISTS (SELECT 1 FROM location l WHERE l.code = u.location) AS unknown
      FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u (source, code, location, position)
      LEFT JOIN location_mapping m ON m.source = u.source AND m.code = u.code
     WHERE m.location <> u.location
        OR (EXISTS (SELECT 1 FROM location) AND NOT EXISTS (SELECT 1 FROM location l WHERE l.code = u.location))
     ORDER BY u.position
    """;

  static final String MAPPING = "SELECT " + MAPPING_COLUMNS + " FROM location_mapping WHERE source = $1 AND code = $2";

  static final String MAPPINGS = "SELECT " + MAPPING_COLUMNS + """
      FROM location_mapping
     WHERE ($1::text IS NULL OR source = $1)
       AND ($2::text IS NULL OR location = $2)
       AND ($3::text IS NULL OR (source, code) > ($3::text, $4::text))
     ORDER BY source, code
     LIMIT $5
    """;
}
