package io.stocksync.embedded;

import io.stocksync.contracts.connect.DatabaseConfig;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates one throwaway database per test class, drops them when the JVM exits, and drops those
 * that earlier, killed runs left behind.
 *
 * <p>Names are {@code stocksync_t_<epoch seconds>_<random hex>}: PostgreSQL records no creation time
 * for a database, so the name carries it.
 */
final class TestDatabases {

  static final String PREFIX = "stocksync_t_";

  private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d+)_[0-9a-f]+");
  private static final Duration KEEP = Duration.ofDays(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final List<String> CREATED = new ArrayList<>();

  private static DatabaseConfig createdOn;
  private static boolean leftoversDropped;

  private TestDatabases() {
  }

  static DatabaseConfig create(DatabaseConfig server) {
    String name = newName(Instant.now());
    try (Connection connection = Jdbc.connect(server); Statement statement = connection.createStatement()) {
      dropLeftoversOnce(statement);
      statement.execute("CREATE DATABASE " + name);
      remember(server, name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name + " on " + server + ": "
        + e.getMessage(), e);
    }
    return server.withDatabase(name);
  }

  static String newName(Instant now) {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    return PREFIX + now.getEpochSecond() + "_" + HexFormat.of().formatHex(random);
  }

  /** True for names this class made before {@code cutoff}; other databases are never touched. */
  static boolean isLeftover(String name, Instant cutoff) {
    Matcher matcher = NAME.matcher(name);
    return matcher.matches() && Long.parseLong(matcher.group(1)) < cutoff.getEpochSecond();
  }

  private static synchronized void remember(DatabaseConfig server, String name) {
    if (createdOn == null) {
      createdOn = server;
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropCreated, "stocksync-test-databases-drop"));
    }
    CREATED.add(name);
  }

  /** Keeps a shared server tidy; an embedded one may already be stopping, which is just as good. */
  private static synchronized void dropCreated() {
    try (Connection connection = Jdbc.connect(createdOn); Statement statement = connection.createStatement()) {
      for (String name : CREATED) {
        // FORCE: a test's pool may still hold connections while the JVM exits
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      // what is left is dropped by a later run once it is a day old
    }
  }

  private static synchronized void dropLeftoversOnce(Statement statement) {
    if (leftoversDropped) {
      return;
    }
    leftoversDropped = true;
    Instant cutoff = Instant.now().minus(KEEP);
    for (String name : testDatabases(statement)) {
      if (isLeftover(name, cutoff)) {
        try {
          statement.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
          // still in use or not ours to drop: it is only clean-up, the next run tries again
        }
      }
    }
  }

  private static List<String> testDatabases(Statement statement) {
    List<String> names = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(
      "SELECT datname FROM pg_database WHERE datname LIKE 'stocksync\\_t\\_%'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    } catch (SQLException e) {
      // without the list there is nothing to clean up
    }
    return names;
  }
}
