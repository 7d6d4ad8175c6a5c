package io.stocksync.app;

import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.gateway.failures.FailureRepository;

/**
 * Failed events from the command line: the same repository the admin API uses, driven from a plain
 * thread that may wait.
 */
final class FailureAdmin extends CommandDatabase {

  private final FailureRepository failures;

  FailureAdmin(DatabaseConfig db) {
    super(db);
    this.failures = new FailureRepository(pool());
  }

  FailureRepository failures() {
    return failures;
  }
}
