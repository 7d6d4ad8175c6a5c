package io.stocksync.app;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.embedded.EmbeddedBroker;
import io.stocksync.embedded.EmbeddedDatabase;
import io.stocksync.workers.SchemaMigrator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stocksync dev}: the whole system in one JVM on embedded defaults. Embedded PostgreSQL
 * and an embedded AMQP broker, the schema migrated, gateway and workers deployed, on port 8080.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = StocksyncMain.Version.class, name = "dev", description = "Run everything in one JVM with embedded PostgreSQL and an embedded AMQP broker.")
final class DevCommand implements Callable<Integer> {

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: $STOCKSYNC_HTTP_PORT or 8080).")
  Integer port;

  @Option(names = "--data-dir", paramLabel = "DIR",
    description = "Where the embedded database and broker keep their data (default: $STOCKSYNC_DEV_DATA_DIR or .stocksync/dev).")
  Path dataDir;

  @Option(names = "--ephemeral", description = "Keep data in a temporary directory, deleted on exit.")
  boolean ephemeral;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    Settings settings = Settings.load(null, System.getenv(), System.getProperties());
    int httpPort = port != null ? port : settings.integer("http.port", RoleConfigs.DEFAULT_HTTP_PORT);
    if (httpPort < 1 || httpPort > 65535) {
      throw new ConfigException("the dev role needs a fixed HTTP port between 1 and 65535, was " + httpPort);
    }
    Path data = ephemeral ? null : (dataDir != null ? dataDir : Path.of(settings.string("dev.data-dir", ".stocksync/dev")));

    EmbeddedDatabase database = EmbeddedDatabase.start(data == null ? null : data.resolve("postgres"), 0);
    EmbeddedBroker broker;
    try {
      broker = EmbeddedBroker.start(data == null ? null : data.resolve("broker"), 0);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    DatabaseConfig db = database.config();
    BrokerConfig amqp = broker.config();
    Settings effective = settings
      .with("http.port", String.valueOf(httpPort), "--port")
      .with("http.host", settings.string("http.host", "127.0.0.1"), "dev default");

    Node node = Node.create();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nstocksync dev: stopping (gateway first, then workers finish their in-flight events)");
      node.close();
      broker.close();
      database.close();
      stopped.countDown();
    }, "stocksync-shutdown"));

    SchemaMigrator.migrate(db);
    String demoKey;
    try (ClientAdmin admin = new ClientAdmin(db)) {
      // a fixed key lets scripts run against dev; without one, every start issues a new key
      String fixed = System.getenv("STOCKSYNC_DEMO_API_KEY");
      demoKey = admin.provisionDemo(fixed == null || fixed.isBlank() ? null : fixed.trim());
    }
    node.deployWorkers(RoleConfigs.workers(effective, db, amqp));
    ErpSettings erp = RoleConfigs.erp(effective, node.deployReferenceErp());
    node.deployErpPoster(db, erp);
    node.deployGateway(RoleConfigs.gateway(effective, db, amqp), RoleConfigs.gatewayInstances(effective),
      RoleConfigs.routing(effective));
    Readiness.await("http://127.0.0.1:" + httpPort + "/health/ready", 60);

    System.out.println(DevBanner.render(httpPort, demoKey, data, db, amqp,
      erp.enabled() ? erp.rest().baseUrl() + " (in-memory reference ERP unless erp.base-url says otherwise)"
        : "none (erp.connector=none: postings wait in the outbox)",
      (System.nanoTime() - started) / 1_000_000));
    stopped.await();
    return 0;
  }
}
