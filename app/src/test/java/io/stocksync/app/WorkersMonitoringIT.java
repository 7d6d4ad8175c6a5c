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

  @Test
  void a_client_asking_for_an_h2c_upgrade_gets_every_answer_over_http_1_1() throws Exception {
    try (TestStack stack = TestStack.start(true, true)) {
      int port = TestStack.freePort();
      stack.node.deployMonitoring("127.0.0.1", port);
      await().atMost(Duration.ofSeconds(20)).until(() -> get(stack, port, "/health/ready").statusCode() == 200);
      // java.net.http prefers HTTP/2 and sends "Upgrade: h2c" on a cleartext connection
      java.net.http.HttpClient upgrading = java.net.http.HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).build();

      for (String url : java.util.List.of("http://127.0.0.1:" + port + "/metrics",
          "http://127.0.0.1:" + stack.port + "/metrics", "http://127.0.0.1:" + stack.port + "/health/live")) {
        for (int i = 0; i < 10; i++) {
          HttpResponse<String> answer = upgrading.send(HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
          assertThat(answer.statusCode()).as(url).isEqualTo(200);
          assertThat(answer.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        }
      }
    }
  }

  private static HttpResponse<String> get(TestStack stack, int port, String path) {
    return stack.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
  }
}
