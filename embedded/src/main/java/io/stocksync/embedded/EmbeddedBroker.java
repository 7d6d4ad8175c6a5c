package io.stocksync.embedded;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.BrokerDialect;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;

/**
 * An in-JVM AMQP 0-9-1 broker (Apache Qpid Broker-J) for the dev role and for tests without RabbitMQ.
 *
 * <p>With a work directory the virtual host keeps its queues and persistent messages in a Derby store
 * under {@code <workDirectory>/default/messages} (its definition in {@code default/config.json}), so
 * they survive a restart; without one it runs on an
 * in-memory store in a temporary directory that {@link #close()} deletes. The broker-level
 * configuration (users, port) is not stored: it is rebuilt from {@code qpid-initial-config.json} on
 * every start, so a changed port simply applies. Qpid spells priority and dead-lettering with its
 * own queue arguments ({@link BrokerDialect#QPID}); RabbitMQ-only arguments are ignored, not refused.
 */
public final class EmbeddedBroker implements AutoCloseable {

  public static final String VIRTUAL_HOST = "default";
  public static final String USER = "guest";
  public static final String PASSWORD = "guest";

  private static final String INITIAL_CONFIG = "qpid-initial-config.json";

  private final SystemLauncher launcher;
  private final int port;
  private final Path workDirectory;
  private final boolean temporary;

  private EmbeddedBroker(SystemLauncher launcher, int port, Path workDirectory, boolean temporary) {
    this.launcher = launcher;
    this.port = port;
    this.workDirectory = workDirectory;
    this.temporary = temporary;
  }

  /**
   * Starts the broker and returns once it accepts connections.
   *
   * @param workDirectory where the broker keeps its store; {@code null} for a temporary, in-memory broker
   * @param port the AMQP port on 127.0.0.1; 0 picks a free one
   */
  public static EmbeddedBroker start(Path workDirectory, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("broker port must be between 0 and 65535, was " + port);
    }
    boolean temporary = workDirectory == null;
    Path directory = temporary ? Directories.createTemp("stocksync-broker-") : Directories.create(workDirectory);
    AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
    AtomicReference<RuntimeException> startupError = new AtomicReference<>();
    SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
      @Override
      public void onContainerResolve(SystemConfig<?> systemConfig) {
        system.set(systemConfig);
      }

      @Override
      public void errorOnStartup(RuntimeException e) {
        startupError.set(e);
      }
    });
    try {
      launcher.startup(systemAttributes(directory, port, temporary));
      // Qpid reports some startup failures only to its listener and the log, not by throwing
      if (startupError.get() != null) {
        throw startupError.get();
      }
      return new EmbeddedBroker(launcher, boundPort(system.get()), directory, temporary);
    } catch (Exception e) {
      launcher.shutdown();
      if (temporary) {
        Directories.deleteQuietly(directory);
      }
      throw new IllegalStateException("could not start the embedded AMQP broker in " + directory + " on port "
        + port + ": " + e.getMessage(), e);
    }
  }

  public BrokerConfig config() {
    return new BrokerConfig("127.0.0.1", port, USER, PASSWORD, VIRTUAL_HOST, BrokerDialect.QPID);
  }

  public int port() {
    return port;
  }

  /** True when queued messages survive {@link #close()} and a start on the same work directory. */
  public boolean persistent() {
    return !temporary;
  }

  @Override
  public void close() {
    launcher.shutdown();
    if (temporary) {
      Directories.deleteQuietly(workDirectory);
    }
  }

  private static Map<String, Object> systemAttributes(Path directory, int port, boolean temporary) {
    Map<String, String> context = new HashMap<>();
    context.put(SystemConfig.QPID_WORK_DIR, directory.toAbsolutePath().toString());
    context.put("stocksync.broker.port", Integer.toString(port));
    // Qpid resolves ${...} in attribute values but not in object types, so the choice of store lives
    // in the virtual host blueprint, a string attribute; it applies when the virtual host is first created
    context.put("stocksync.broker.host-type", temporary ? "Memory" : "DERBY");

    Map<String, Object> attributes = new HashMap<>();
    // the broker's own configuration lives in memory: initial-config.json is the whole truth each start
    attributes.put(SystemConfig.TYPE, "Memory");
    attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfigLocation());
    // Qpid prints its startup banner to System.out unless told not to; everything else goes to slf4j
    attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
    attributes.put(SystemConfig.CONTEXT, context);
    return attributes;
  }

  private static String initialConfigLocation() {
    URL resource = EmbeddedBroker.class.getResource(INITIAL_CONFIG);
    if (resource == null) {
      throw new IllegalStateException(INITIAL_CONFIG + " is missing from the classpath next to "
        + EmbeddedBroker.class.getName());
    }
    return resource.toExternalForm();
  }

  private static int boundPort(SystemConfig<?> system) {
    Broker<?> broker = system == null ? null : system.getContainer(Broker.class);
    if (broker == null) {
      throw new IllegalStateException("the broker did not come up (see the qpid log for the cause)");
    }
    for (Port<?> port : broker.getPorts()) {
      if ("AMQP".equals(port.getName()) && port.getBoundPort() > 0) {
        return port.getBoundPort();
      }
    }
    throw new IllegalStateException("the broker's AMQP port is not bound (see the qpid log for the cause)");
  }

  @Override
  public String toString() {
    return "EmbeddedBroker[" + config() + ", " + (temporary ? "in memory" : "derby at " + workDirectory) + "]";
  }
}
