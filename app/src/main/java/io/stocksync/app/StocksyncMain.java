package io.stocksync.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The stocksync executable: one jar, one subcommand per role. */
@Command(
  name = "stocksync",
  mixinStandardHelpOptions = true,
  versionProvider = StocksyncMain.Version.class,
  description = "Inventory synchronization gateway for distribution companies.",
  subcommands = {
    DevCommand.class,
    RoleCommand.All.class,
    RoleCommand.Gateway.class,
    RoleCommand.Workers.class,
    MigrateCommand.class,
    ClientsCommand.class,
    FailedEventsCommand.class,
    MappingsCommand.class,
    CommandLine.HelpCommand.class
  })
public final class StocksyncMain {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new StocksyncMain());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      // the root's writer: setErr on the root reaches here even for nested subcommands
      var err = cli.getErr();
      try {
        if (e instanceof ConfigException) {
          err.println("stocksync: configuration error: " + e.getMessage());
          return 2;
        }
        if (e instanceof IllegalArgumentException) {
          err.println("stocksync: invalid argument: " + e.getMessage());
          return 2;
        }
        err.println("stocksync: " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
          err.println("  caused by: " + cause);
        }
        return 1;
      } finally {
        err.flush();
      }
    });
    return cli;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = StocksyncMain.class.getPackage().getImplementationVersion();
      return new String[] {"stocksync " + (version == null ? "development build" : version)};
    }
  }
}
