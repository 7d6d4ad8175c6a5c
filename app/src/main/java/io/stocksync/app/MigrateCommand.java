package io.stocksync.app;

import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.workers.SchemaMigrator;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stocksync migrate}: brings the ledger schema up to date and exits. */
@Command(mixinStandardHelpOptions = true, versionProvider = StocksyncMain.Version.class, name = "migrate", description = "Apply database schema migrations and exit.")
final class MigrateCommand implements Callable<Integer> {

  @Mixin
  ConfigOption config;

  @Override
  public Integer call() {
    DatabaseConfig db = RoleConfigs.database(config.load());
    MigrateResult result = SchemaMigrator.migrate(db);
    if (result.migrationsExecuted == 0) {
      System.out.printf("schema of %s is up to date%n", db);
    } else {
      System.out.printf("schema of %s migrated to version %s (%d migration(s) applied)%n", db,
        result.targetSchemaVersion, result.migrationsExecuted);
    }
    return 0;
  }
}
