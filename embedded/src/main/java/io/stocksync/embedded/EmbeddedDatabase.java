package io.stocksync.embedded;

import io.stocksync.contracts.connect.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL 17 server run from the binaries zonky ships on the classpath, for the dev role and
 * for tests without an external database.
 *
 * <p>Without a data directory it runs from a fresh temporary cluster that {@link #close()} deletes
 * (one left by a killed JVM is stopped and deleted by a later start); with one, the cluster is
 * created on first start and reused, never cleaned. A data directory is used by one server at a
 * time: a second start on it fails with a message that says so. Closing is the owner's job,
 * typically from its own shutdown hook once its consumers have stopped.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  public static final String DATABASE = "stocksync";
  public static final String USER = "postgres";

  private static final int POOL_SIZE = 8;

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts the server, creates the {@value #DATABASE} database when it is missing, and returns once
   * both are ready.
   *
   * @param dataDirectory the persistent cluster directory; {@code null} for a temporary one
   * @param port the port on 127.0.0.1; 0 picks a free one
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("database port must be between 0 and 65535, was " + port);
    }
    EmbeddedDatabase database = new EmbeddedDatabase(startPostgres(dataDirectory, port));
    try {
      database.createDatabaseIfMissing();
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public DatabaseConfig config() {
    return new DatabaseConfig("127.0.0.1", postgres.getPort(), DATABASE, USER, "", POOL_SIZE);
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
    }
  }

  private static EmbeddedPostgres startPostgres(Path dataDirectory, int port) {
    DataDirectoryCheck.requireFreePort(port);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
      // zonky's own hook would stop PostgreSQL while the owner's hook still drains in-flight work
      .setRegisterShutdownHook(false)
      .setPort(port)
      // the config hands out 127.0.0.1, so listen there only and never clash on ::1
      .setServerConfig("listen_addresses", "127.0.0.1");
    if (dataDirectory == null) {
      // under zonky's working directory, so a later start stops and deletes the cluster of a JVM
      // that was killed before close() (zonky does that for clusters unlocked for 10 minutes)
      builder.setDataDirectory(Directories.createTemp(zonkyWorkingDirectory(), "stocksync-"));
      // a throwaway cluster: durability buys nothing and costs every test commit an fsync
      builder.setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off");
    } else {
      DataDirectoryCheck.requireUsable(Directories.create(dataDirectory));
      // dev data is kept on purpose: zonky's default (off) could lose the last commits on a crash
      builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false).setServerConfig("synchronous_commit", "on");
    }
    try {
      return builder.start();
    } catch (IOException | RuntimeException e) {
      throw DataDirectoryCheck.explain(dataDirectory, port, e);
    }
  }

  private static Path zonkyWorkingDirectory() {
    String fallback = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString();
    return Directories.create(Path.of(System.getProperty("ot.epg.working-dir", fallback)));
  }

  private void createDatabaseIfMissing() {
    DatabaseConfig maintenance = config().withDatabase("postgres");
    try (Connection connection = Jdbc.connect(maintenance);
         PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + DATABASE + " on " + maintenance + ": "
        + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedDatabase[" + config() + "]";
  }
}
