package io.stocksync.embedded;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.BrokerDialect;
import io.stocksync.contracts.connect.DatabaseConfig;

/**
 * Where integration tests find PostgreSQL and the AMQP broker: the services named by
 * {@code stocksync.test.*} system properties (or {@code STOCKSYNC_TEST_*} environment variables),
 * as CI sets them, or else one embedded PostgreSQL and one embedded Qpid broker per JVM.
 *
 * <p>Database: {@code stocksync.test.db.host}, {@code .port} (5432), {@code .user} (postgres),
 * {@code .password} (empty), {@code .name} (postgres). Broker: {@code stocksync.test.broker.host},
 * {@code .port} (5672), {@code .user} and {@code .password} (guest), {@code .vhost} (/); a configured
 * broker is taken to be RabbitMQ.
 */
public final class TestServices {

  private static final int POOL_SIZE = 8;

  private static EmbeddedDatabase embeddedDatabase;
  private static EmbeddedBroker embeddedBroker;

  private TestServices() {
  }

  /** The shared database server, its maintenance database selected; see {@link #freshDatabase()}. */
  public static DatabaseConfig database() {
    return TestSetting.find("stocksync.test.db.host")
      .map(host -> new DatabaseConfig(host,
        TestSetting.port("stocksync.test.db.port", 5432),
        TestSetting.get("stocksync.test.db.name", "postgres"),
        TestSetting.get("stocksync.test.db.user", "postgres"),
        TestSetting.get("stocksync.test.db.password", ""),
        POOL_SIZE))
      .orElseGet(() -> embeddedDatabase().config());
  }

  /** A new, empty database of its own on the shared server, so a test class owns its schema. */
  public static DatabaseConfig freshDatabase() {
    return TestDatabases.create(database());
  }

  public static BrokerConfig broker() {
    return TestSetting.find("stocksync.test.broker.host")
      .map(host -> new BrokerConfig(host,
        TestSetting.port("stocksync.test.broker.port", 5672),
        TestSetting.get("stocksync.test.broker.user", "guest"),
        TestSetting.get("stocksync.test.broker.password", "guest"),
        TestSetting.get("stocksync.test.broker.vhost", "/"),
        BrokerDialect.RABBITMQ))
      .orElseGet(() -> embeddedBroker().config());
  }

  /** True when tests run against a real RabbitMQ, the only broker whose semantics production relies on. */
  public static boolean realRabbitMq() {
    return TestSetting.find("stocksync.test.broker.host").isPresent();
  }

  /** For {@code Assumptions.assumeTrue(TestServices.realRabbitMq(), TestServices.skipReasonWithoutRabbitMq())}. */
  public static String skipReasonWithoutRabbitMq() {
    return "needs a real RabbitMQ: set STOCKSYNC_TEST_BROKER_HOST or -Dstocksync.test.broker.host (CI does)";
  }

  private static synchronized EmbeddedDatabase embeddedDatabase() {
    if (embeddedDatabase == null) {
      embeddedDatabase = EmbeddedDatabase.start(null, 0);
      stopOnExit(embeddedDatabase, "stocksync-test-database-stop");
    }
    return embeddedDatabase;
  }

  private static synchronized EmbeddedBroker embeddedBroker() {
    if (embeddedBroker == null) {
      embeddedBroker = EmbeddedBroker.start(null, 0);
      stopOnExit(embeddedBroker, "stocksync-test-broker-stop");
    }
    return embeddedBroker;
  }

  private static void stopOnExit(AutoCloseable service, String threadName) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.close();
      } catch (Exception e) {
        // the JVM is going away; the temp directories are all that could be left behind
      }
    }, threadName));
  }
}
