package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.DatabaseConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A workers process killed with SIGKILL in the middle of its work: another one takes over the
 * lanes, and every accepted event ends in the ledger exactly once.
 */
class WorkerCrashIT {

  static final Path JAR = Path.of("target", "stocksync.jar");
  static final int EVENTS = 400;

  @Test
  void a_worker_killed_mid_work_loses_nothing_and_doubles_nothing() throws Exception {
    assertThat(JAR).as("the packaged jar (mvn verify builds it before integration tests)").exists();
    try (TestStack stack = TestStack.start(true, false)) {
      WorkersProcess first = WorkersProcess.start(stack);
      for (int batch = 0; batch < EVENTS / 100; batch++) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
          body.append(i == 0 ? "" : ",").append(Events.receipt("wms-crash", "C-" + batch + "-" + i, "SKU-CRASH", "DC-1", "1"));
        }
        HttpResponse<String> answer = stack.post("/v1/events:batch", "application/json", body.append("]").toString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
      }

      await().atMost(Duration.ofSeconds(60)).until(() -> stack.ledger.movements("SKU-CRASH") >= 20);
      first.kill();
      long before = stack.ledger.movements("SKU-CRASH");

      WorkersProcess second = WorkersProcess.start(stack);
      try {
        await().atMost(Duration.ofSeconds(120)).until(() -> stack.ledger.movements("SKU-CRASH") == EVENTS);
        assertThat(before).as("killed before it finished").isLessThan(EVENTS);
        assertThat(stack.ledger.count("SELECT count(*) FROM inventory_event WHERE source_system = 'wms-crash'"))
          .isEqualTo(EVENTS);
        assertThat(stack.ledger.onHand("SKU-CRASH", "DC-1")).isEqualByComparingTo(String.valueOf(EVENTS));
        await().atMost(Duration.ofSeconds(30)).until(() ->
          BrokerTestAdmin.messageCount(stack.broker, stack.topology.laneQueue(io.stocksync.contracts.topology.Lane.STANDARD)) == 0);
        assertThat(stack.ledger.movements("SKU-CRASH")).isEqualTo(EVENTS);
      } finally {
        second.kill();
      }
    }
  }

  /** {@code java -jar stocksync.jar workers} against the test's database and broker. */
  static final class WorkersProcess {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private WorkersProcess(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            lines.add(line);
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "workers-output");
      reader.setDaemon(true);
      reader.start();
    }

    static WorkersProcess start(TestStack stack) throws Exception {
      return start(stack, Map.of());
    }

    /** With more settings, e.g. {@code STOCKSYNC_WORKERS_MAX_DELIVERIES}. */
    static WorkersProcess start(TestStack stack, Map<String, String> settings) throws Exception {
      DatabaseConfig db = stack.db;
      BrokerConfig broker = stack.broker;
      int monitoring = TestStack.freePort();
      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString(), "workers").redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.put("STOCKSYNC_DB_HOST", db.host());
      env.put("STOCKSYNC_DB_PORT", String.valueOf(db.port()));
      env.put("STOCKSYNC_DB_NAME", db.database());
      env.put("STOCKSYNC_DB_USER", db.user());
      env.put("STOCKSYNC_DB_PASSWORD", db.password());
      env.put("STOCKSYNC_BROKER_HOST", broker.host());
      env.put("STOCKSYNC_BROKER_PORT", String.valueOf(broker.port()));
      env.put("STOCKSYNC_BROKER_USER", broker.username());
      env.put("STOCKSYNC_BROKER_PASSWORD", broker.password());
      env.put("STOCKSYNC_BROKER_VHOST", broker.virtualHost());
      env.put("STOCKSYNC_BROKER_DIALECT", broker.dialect().name().toLowerCase());
      env.put("STOCKSYNC_BROKER_NAMESPACE", stack.topology.namespace());
      env.put("STOCKSYNC_HTTP_HOST", "127.0.0.1");
      env.put("STOCKSYNC_MONITORING_PORT", String.valueOf(monitoring));
      env.putAll(settings);
      WorkersProcess workers = new WorkersProcess(builder.start());
      // a timeout per probe: now and then the monitoring server drops a request unanswered (a Vert.x
      // metrics NullPointerException on the connection), and an unanswered probe must not hang the wait
      HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitoring + "/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
      try {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
          if (!workers.process.isAlive()) {
            return true;
          }
          try {
            return stack.http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          } catch (IOException e) {
            return false;
          }
        });
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        workers.kill();
        throw new AssertionError("the workers process did not get ready; it wrote:\n" + workers.output(), e);
      }
      assertThat(workers.process.isAlive()).as(String.join("\n", workers.lines)).isTrue();
      return workers;
    }

    /** What the process wrote so far, for a failing test's message. */
    String output() {
      return String.join("\n", lines);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, unacked deliveries go back to the lane. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
