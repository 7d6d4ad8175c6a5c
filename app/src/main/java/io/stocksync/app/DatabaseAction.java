package io.stocksync.app;

import io.stocksync.contracts.connect.DatabaseConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A subcommand run against the database named by {@code --config}: it opens the command's
 * database, runs, and closes it. A configuration error or invalid argument goes on to
 * {@link StocksyncMain}'s handler (status 2); a refusal the command reports itself ends with its status.
 */
abstract class DatabaseAction<A extends CommandDatabase> implements Callable<Integer> {

  @Mixin
  ConfigOption config;

  @Override
  public final Integer call() {
    try (A admin = open(RoleConfigs.database(config.load()))) {
      return run(admin);
    } catch (RuntimeException e) {
      return refused(e);
    }
  }

  abstract A open(DatabaseConfig db);

  abstract int run(A admin);

  /** Prints a refusal of this command and returns its exit status; rethrows whatever else it is. */
  int refused(RuntimeException e) {
    throw e;
  }
}
