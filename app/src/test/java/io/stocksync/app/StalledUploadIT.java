package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocksync.embedded.TestServices;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A client that announces a body and stops sending gets a 408 problem, and nothing is queued. */
class StalledUploadIT {

  @Test
  void a_stalled_upload_gets_a_408_problem() throws Exception {
    try (TestStack stack = TestStack.start(true, false, TestServices.broker(), true, Duration.ofMillis(1_500));
         Socket socket = new Socket("127.0.0.1", stack.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Authorization: Bearer " + stack.apiKey + "\r\nContent-Length: 500\r\n\r\n{\"type\":\"rec")
        .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      InputStream in = socket.getInputStream();
      StringBuilder response = new StringBuilder();
      byte[] buffer = new byte[1024];
      // the connection stays open: read until the problem document has arrived
      while (!response.toString().contains("}")) {
        int read = in.read(buffer);
        if (read < 0) {
          break;
        }
        response.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
      }

      assertThat(response.toString()).startsWith("HTTP/1.1 408");
      assertThat(response.toString()).contains("application/problem+json").contains("/request-timeout");
      assertThat(stack.ledger.events()).isZero();
    }
  }
}
