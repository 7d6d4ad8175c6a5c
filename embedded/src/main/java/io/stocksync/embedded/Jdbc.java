package io.stocksync.embedded;

import io.stocksync.contracts.connect.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Blocking JDBC connections for setup work (creating databases), never for application traffic. */
final class Jdbc {

  private Jdbc() {
  }

  static Connection connect(DatabaseConfig config) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", config.user());
    properties.setProperty("password", config.password());
    // a wrong host in a test property should fail within seconds, not hang the build
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("ApplicationName", "stocksync-embedded");
    return DriverManager.getConnection(config.jdbcUrl(), properties);
  }
}
