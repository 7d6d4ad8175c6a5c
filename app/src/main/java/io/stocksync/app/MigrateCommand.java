package io.stocksync.app;

import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.workers.SchemaMigrator;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stocksync migrate}: brings the ledger schema up to date and exits. */
@Command(name = "migrate", description = "Apply database schema migrations and exit.")
final class MigrateCommand implements Callable<Integer> {

  @Mixin
  ConfigOption config;

  @Override
  public Integer call() {
    DatabaseConfig db = RoleConfigs.database(config.load());
    MigrateResult result = SchemaMigrator.migrate(db);
    System.out.printf("schema of %s is at version %s (%d migration(s) applied)%n", db,
      result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion, result.migrationsExecuted);
    return 0;
  }
}
