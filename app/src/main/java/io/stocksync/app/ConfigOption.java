package io.stocksync.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by the roles that connect to external services. */
final class ConfigOption {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
    description = "YAML configuration file (default: $STOCKSYNC_CONFIG). Environment variables and -D system properties override it.")
  Path file;

  Settings load() {
    Path path = file;
    if (path == null) {
      String fromEnv = System.getenv("STOCKSYNC_CONFIG");
      path = fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }
    return Settings.load(path, System.getenv(), System.getProperties());
  }
}
