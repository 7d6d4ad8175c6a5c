package io.stocksync.app;

import io.stocksync.contracts.connect.DatabaseConfig;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the ledger over JDBC from the test thread, to check what the workers committed. */
final class LedgerQueries {

  private final DatabaseConfig db;

  LedgerQueries(DatabaseConfig db) {
    this.db = db;
  }

  long events() {
    return count("SELECT count(*) FROM inventory_event");
  }

  long movements() {
    return count("SELECT count(*) FROM movement");
  }

  long movements(String item) {
    return count("SELECT count(*) FROM movement WHERE item = ?", item);
  }

  BigDecimal onHand(String item, String location) {
    return decimal("SELECT coalesce(sum(quantity), 0) FROM balance WHERE item = ? AND location = ? AND state = 'on_hand'",
      item, location);
  }

  BigDecimal balance(String item, String location, String state) {
    return decimal("SELECT coalesce(sum(quantity), 0) FROM balance WHERE item = ? AND location = ? AND state = ?",
      item, location, state);
  }

  /** Runs a statement that changes data, e.g. master data a test needs. */
  void update(String sql, Object... params) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  BigDecimal sumOfMovements(String item, String location) {
    return decimal("SELECT coalesce(sum(quantity), 0) FROM movement WHERE item = ? AND location = ? AND state = 'on_hand'",
      item, location);
  }

  long count(String sql, Object... params) {
    return query(sql, params, rs -> rs.getLong(1));
  }

  private BigDecimal decimal(String sql, Object... params) {
    return query(sql, params, rs -> rs.getBigDecimal(1));
  }

  private interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T query(String sql, Object[] params, Reader<T> reader) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return reader.read(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
