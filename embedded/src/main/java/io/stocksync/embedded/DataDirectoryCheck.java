package io.stocksync.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns the ways an embedded PostgreSQL start goes wrong into messages a developer can act on,
 * checking beforehand what zonky would otherwise report late or not at all.
 */
final class DataDirectoryCheck {

  private static final String MAJOR_VERSION = "17";

  private DataDirectoryCheck() {
  }

  /** Fails when the directory holds another major version's cluster or a live server. */
  static void requireUsable(Path dataDirectory) {
    Path versionFile = dataDirectory.resolve("PG_VERSION");
    String version = read(versionFile).map(lines -> lines.get(0).trim()).orElse(MAJOR_VERSION);
    if (!MAJOR_VERSION.equals(version)) {
      throw new IllegalStateException("PostgreSQL data directory " + dataDirectory + " was created by PostgreSQL "
        + version + ", but the embedded server is PostgreSQL " + MAJOR_VERSION
        + ": upgrade it with pg_upgrade or choose another directory");
    }
    // zonky would start pg_ctl anyway and then wait for a port that an old server may hold
    read(dataDirectory.resolve("postmaster.pid")).ifPresent(lines -> requireNotRunning(dataDirectory, lines));
  }

  /** Fails when a fixed port is taken: zonky would otherwise take whatever answers there as its server. */
  static void requireFreePort(int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      // free now; PostgreSQL binds it a moment later
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use: stop what listens there "
        + "or start the embedded PostgreSQL on port 0 (any free port)", e);
    }
  }

  static IllegalStateException explain(Path dataDirectory, int port, Exception failure) {
    String message = String.valueOf(failure.getMessage());
    String where = dataDirectory == null ? "a temporary cluster" : "data directory " + dataDirectory;
    if (message.startsWith("could not lock")) {
      return new IllegalStateException("PostgreSQL " + where + " is already in use by another process "
        + "(its lock file epg-lock is held): stop that process or choose another directory", failure);
    }
    return new IllegalStateException("could not start the embedded PostgreSQL on " + where
      + (port == 0 ? "" : " and port " + port) + ": " + message, failure);
  }

  private static void requireNotRunning(Path dataDirectory, List<String> pidFile) {
    long pid;
    try {
      pid = Long.parseLong(pidFile.get(0).trim());
    } catch (RuntimeException e) {
      return; // unreadable: PostgreSQL judges its own lock file
    }
    boolean postgresAlive = ProcessHandle.of(pid)
      .filter(ProcessHandle::isAlive)
      .map(process -> process.info().command().map(command -> command.contains("postgres")).orElse(true))
      .orElse(false);
    if (postgresAlive) {
      String port = pidFile.size() > 3 ? ", port " + pidFile.get(3).trim() : "";
      throw new IllegalStateException("PostgreSQL data directory " + dataDirectory + " is in use: a server (pid "
        + pid + port + ") already runs on it, from another stocksync process or left behind by a killed one; "
        + "stop it (pg_ctl -D " + dataDirectory + " stop) or choose another directory");
    }
  }

  private static Optional<List<String>> read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.isEmpty() ? Optional.empty() : Optional.of(lines);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
