package io.stocksync.app;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.workers.SchemaMigrator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The production roles, connecting to external PostgreSQL and RabbitMQ from configuration. */
abstract class RoleCommand implements Callable<Integer> {

  @Mixin
  ConfigOption config;

  abstract boolean gateway();

  abstract boolean workers();

  abstract boolean migrates();

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = config.load();
    DatabaseConfig db = RoleConfigs.database(settings);
    BrokerConfig broker = RoleConfigs.broker(settings);
    var gatewayConfig = gateway() ? RoleConfigs.gateway(settings, db, broker) : null;
    var workersConfig = workers() ? RoleConfigs.workers(settings, db, broker) : null;
    var erp = workers() ? RoleConfigs.erp(settings, null) : null;
    int instances = gateway() ? RoleConfigs.gatewayInstances(settings) : 0;
    var routing = gateway() ? RoleConfigs.routing(settings) : null;
    if (migrates()) {
      SchemaMigrator.migrate(db);
    }
    Node node = Node.create();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "stocksync-shutdown"));
    if (workersConfig != null) {
      node.deployWorkers(workersConfig);
      node.deployErpPoster(db, erp);
    }
    if (gatewayConfig != null) {
      node.deployGateway(gatewayConfig, instances, routing);
    } else {
      int monitoringPort = settings.integer("monitoring.port", 9090);
      if (monitoringPort < 1 || monitoringPort > 65535) {
        throw new ConfigException("monitoring.port must be between 1 and 65535, was " + monitoringPort);
      }
      node.deployMonitoring(settings.string("http.host", "0.0.0.0"), monitoringPort);
    }
    System.out.printf("stocksync %s started: database %s, broker %s%n", spec(), db, broker);
    stopped.await();
    return 0;
  }

  private String spec() {
    return gateway() && workers() ? "all" : gateway() ? "gateway" : "workers";
  }

  @Command(mixinStandardHelpOptions = true, versionProvider = StocksyncMain.Version.class, name = "all", description = "Run gateway and workers in one process against external PostgreSQL and RabbitMQ; migrates the schema first.")
  static final class All extends RoleCommand {
    boolean gateway() { return true; }
    boolean workers() { return true; }
    boolean migrates() { return true; }
  }

  @Command(mixinStandardHelpOptions = true, versionProvider = StocksyncMain.Version.class, name = "gateway", description = "Run the HTTP gateway only (run 'migrate' once before).")
  static final class Gateway extends RoleCommand {
    boolean gateway() { return true; }
    boolean workers() { return false; }
    boolean migrates() { return false; }
  }

  @Command(mixinStandardHelpOptions = true, versionProvider = StocksyncMain.Version.class, name = "workers", description = "Run the lane consumers only (run 'migrate' once before).")
  static final class Workers extends RoleCommand {
    boolean gateway() { return false; }
    boolean workers() { return true; }
    boolean migrates() { return false; }
  }
}
