package io.stocksync.embedded;

import io.stocksync.contracts.connect.DatabaseConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One-line JDBC for assertions in tests. */
final class Sql {

  private Sql() {
  }

  static String queryString(DatabaseConfig config, String sql) throws SQLException {
    try (Connection connection = Jdbc.connect(config);
         Statement statement = connection.createStatement();
         ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
  }

  static void execute(DatabaseConfig config, String sql) throws SQLException {
    try (Connection connection = Jdbc.connect(config); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
