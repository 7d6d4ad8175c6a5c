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
    CommandLine.HelpCommand.class
  })
public final class StocksyncMain {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new StocksyncMain());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ConfigException) {
        cmd.getErr().println("stocksync: configuration error: " + e.getMessage());
        return 2;
      }
      cmd.getErr().println("stocksync: " + e.getMessage());
      Throwable cause = e.getCause();
      while (cause != null) {
        cmd.getErr().println("  caused by: " + cause);
        cause = cause.getCause();
      }
      return 1;
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
