package io.stocksync.embedded;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.BrokerDialect;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.SystemLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.store.derby.DerbyUtils;

/**
 * An in-JVM AMQP 0-9-1 broker (Apache Qpid Broker-J) for the dev role and for tests without RabbitMQ.
 *
 * <p>With a work directory the virtual host keeps its queues and persistent messages in a Derby store
 * under {@code <workDirectory>/default/messages} (its definition in {@code default/config}), so they
 * survive a restart, and a second broker on the same directory is refused; without one it runs on an
 * in-memory store in a temporary directory that {@link #close()} deletes. The broker-level
 * configuration (user guest/guest, port) is not stored: it is rebuilt from
 * {@code qpid-initial-config.json} on every start, so a changed port simply applies. Qpid spells
 * priority and dead-lettering with its own queue arguments ({@link BrokerDialect#QPID}); RabbitMQ-only
 * arguments are ignored, not refused.
 */
public final class EmbeddedBroker implements AutoCloseable {

  public static final String VIRTUAL_HOST = "default";
  public static final String USER = "guest";
  public static final String PASSWORD = "guest";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final String INITIAL_CONFIG = "qpid-initial-config.json";

  private final SystemLauncher launcher;
  private final int port;
  private final Path workDirectory;
  private final boolean temporary;
  private final AtomicBoolean closed = new AtomicBoolean();

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
    // Derby writes derby.log into the current directory unless told otherwise before its engine boots,
    // which Qpid's plugin check does on every start; this hook sends that log to slf4j instead
    DerbyUtils.configureDerbyLogging();
    boolean started = false;
    try {
      launcher.startup(systemAttributes(directory, port, temporary));
      // Qpid reports some startup failures only to its listener and the log, not by throwing
      if (startupError.get() != null) {
        throw startupError.get();
      }
      EmbeddedBroker broker = new EmbeddedBroker(launcher, boundPort(system.get()), directory, temporary);
      withdrawQpidShutdownHook(system.get());
      started = true;
      return broker;
    } catch (Exception e) {
      throw new IllegalStateException("could not start the embedded AMQP broker in " + directory + " on port "
        + port + ": " + e.getMessage(), e);
    } finally {
      if (!started) {
        // also after an Error (a plugin jar missing from a shaded jar): Qpid's non-daemon config
        // thread would otherwise keep the JVM alive after main() has failed
        launcher.shutdown();
        if (temporary) {
          Directories.deleteQuietly(directory);
        }
      }
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
    if (closed.getAndSet(true)) {
      return;
    }
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

  /**
   * Qpid registers a JVM shutdown hook that stops the broker as soon as the JVM begins to exit, in
   * parallel with the owner's own hook that still drains the workers through it. The owner closes
   * the broker itself, last; so the hook is withdrawn. Qpid offers no setting for this, hence the
   * reflective access to its private field, confined to this method.
   */
  private static void withdrawQpidShutdownHook(SystemConfig<?> system) {
    Broker<?> broker = system.getContainer(Broker.class);
    for (Class<?> type = broker.getClass(); type != null; type = type.getSuperclass()) {
      try {
        java.lang.reflect.Field field = type.getDeclaredField("_shutdownHook");
        field.setAccessible(true);
        Object hook = field.get(broker);
        if (hook instanceof Thread thread) {
          Runtime.getRuntime().removeShutdownHook(thread);
        }
        return;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.warn("could not withdraw Qpid's shutdown hook; the broker may stop before the workers drained: {}",
          e.toString());
        return;
      }
    }
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
