package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, for real: the packaged jar's {@code dev} role starts, the curl
 * commands it prints work exactly as printed, the balance survives a restart on the same data
 * directory, and a SIGTERM (Ctrl-C) stops it cleanly.
 */
class DevRoleIT {

  static final Path JAR = Path.of("target", "stocksync.jar");

  @TempDir
  Path data;

  @Test
  void dev_role_starts_accepts_the_printed_curl_serves_the_balance_and_stops() throws Exception {
    assertThat(JAR).as("the packaged jar (mvn verify builds it before integration tests)").exists();
    int port = TestStack.freePort();

    DevProcess first = DevProcess.start(port, data);
    String post = first.printedCommand("curl -i -X POST");
    String balance = first.printedCommand("curl -H");

    assertThat(shell(post)).contains("HTTP/1.1 202");
    await().atMost(Duration.ofSeconds(30)).until(() -> shell(balance).contains("\"quantity\":\"24\""));
    // the same command again is the same event (same source and transactionKey): accepted, counted once
    assertThat(shell(post)).contains("HTTP/1.1 202");
    assertThat(first.stop()).isIn(0, 130, 143);
    await().atMost(Duration.ofSeconds(5)).until(() -> first.output().stream().anyMatch(l -> l.contains("stopping")));

    DevProcess second = DevProcess.start(port, data);
    // without STOCKSYNC_DEMO_API_KEY every start issues a new demo key and revokes the old one
    assertThat(shell(balance)).contains("\"status\":401");
    assertThat(shell(second.printedCommand("curl -H"))).contains("\"quantity\":\"24\"");
    assertThat(second.stop()).isIn(0, 130, 143);
  }

  private static String shell(String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  /** A {@code java -jar stocksync.jar dev} child process and what it printed. */
  private static final class DevProcess {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private DevProcess(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            lines.add(line);
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "dev-output");
      reader.setDaemon(true);
      reader.start();
    }

    static DevProcess start(int port, Path data) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      try {
        Process process = new ProcessBuilder(java, "-jar", JAR.toString(), "dev", "--port", String.valueOf(port),
            "--data-dir", data.toString())
          .redirectErrorStream(true)
          .start();
        DevProcess dev = new DevProcess(process);
        await().atMost(Duration.ofSeconds(120))
          .until(() -> dev.lines.stream().anyMatch(l -> l.contains("is ready at")) || !process.isAlive());
        assertThat(process.isAlive()).as(String.join("\n", dev.lines)).isTrue();
        return dev;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    String printedCommand(String prefix) {
      return lines.stream().map(String::trim).filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in:\n" + String.join("\n", lines)));
    }

    List<String> output() {
      return lines;
    }

    int stop() throws InterruptedException {
      // SIGTERM, as Ctrl-C or Kubernetes would send; Process.destroy() would also close our end of stdout
      process.toHandle().destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
      return process.exitValue();
    }
  }

}
