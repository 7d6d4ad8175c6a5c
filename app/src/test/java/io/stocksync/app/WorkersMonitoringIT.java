package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A workers-only process answers health probes and serves its metrics on the monitoring port. */
class WorkersMonitoringIT {

  @Test
  void workers_report_ready_when_every_lane_is_consumed_and_serve_metrics() {
    try (TestStack stack = TestStack.start(false, true)) {
      int port = TestStack.freePort();
      stack.node.deployMonitoring("127.0.0.1", port);

      await().atMost(Duration.ofSeconds(20)).until(() -> get(stack, port, "/health/ready").statusCode() == 200);
      HttpResponse<String> metrics = get(stack, port, "/metrics");

      assertThat(get(stack, port, "/health/live").statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("stocksync_worker_events_total{lane=\"bulk\",outcome=\"applied\"}")
        .contains("jvm_memory_used_bytes");
    }
  }

  private static HttpResponse<String> get(TestStack stack, int port, String path) {
    return stack.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
  }
}
