package io.stocksync.contracts.connect;

import java.util.Objects;

/** Where the PostgreSQL ledger lives and how many connections one process may hold. */
public record DatabaseConfig(String host, int port, String database, String user, String password, int poolSize) {

  public DatabaseConfig {
    requireText(host, "db.host");
    requireText(database, "db.name");
    requireText(user, "db.user");
    password = password == null ? "" : password;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("db.port must be between 1 and 65535, was " + port);
    }
    if (poolSize < 1 || poolSize > 200) {
      throw new IllegalArgumentException("db.pool-size must be between 1 and 200, was " + poolSize);
    }
  }

  public DatabaseConfig withPoolSize(int otherPoolSize) {
    return new DatabaseConfig(host, port, database, user, password, otherPoolSize);
  }

  public DatabaseConfig withDatabase(String otherDatabase) {
    return new DatabaseConfig(host, port, otherDatabase, user, password, poolSize);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    // never print the password
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database + " (pool " + poolSize + ")";
  }

  static void requireText(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is required");
    }
    Objects.requireNonNull(value);
  }
}
