package io.stocksync.workers;

import io.stocksync.contracts.connect.DatabaseConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the ledger's schema migrations with Flyway. Flyway speaks JDBC and blocks: call it from
 * the main thread or inside {@code executeBlocking}, never on an event loop.
 */
public final class SchemaMigrator {

  private SchemaMigrator() {
  }

  public static MigrateResult migrate(DatabaseConfig db) {
    return Flyway.configure(SchemaMigrator.class.getClassLoader())
      .dataSource(db.jdbcUrl(), db.user(), db.password())
      .locations("classpath:db/migration")
      .connectRetries(10)
      .load()
      .migrate();
  }
}
