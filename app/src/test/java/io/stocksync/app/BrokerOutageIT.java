package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.embedded.TestServices;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A broker that is down or unreachable turns into 503 + Retry-After, never into a 202 for a lost event. */
class BrokerOutageIT {

  @Test
  void answers_503_when_the_broker_refuses_connections() {
    BrokerConfig real = TestServices.broker();
    BrokerConfig nowhere = new BrokerConfig("127.0.0.1", TestStack.freePort(), real.username(), real.password(),
      real.virtualHost(), real.dialect());
    try (TestStack stack = TestStack.start(true, false, nowhere, false)) {
      HttpResponse<String> response = stack.postEvent(Events.receipt("wms-out", "RCV-1", "SKU-OUT", "DC-1", "1"));

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(new JsonObject(response.body()).getString("type")).endsWith("/broker-unavailable");

      HttpResponse<String> ready = stack.get("/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(ready.body()).getJsonObject("checks").getString("broker")).isEqualTo("DOWN");
      assertThat(stack.ledger.events()).isZero();
    }
  }

  @Test
  void answers_503_while_the_broker_connection_is_cut_and_recovers_when_it_returns() {
    BrokerConfig real = TestServices.broker();
    try (TcpProxy proxy = new TcpProxy(real.host(), real.port())) {
      BrokerConfig viaProxy = new BrokerConfig("127.0.0.1", proxy.port(), real.username(), real.password(),
        real.virtualHost(), real.dialect());
      try (TestStack stack = TestStack.start(true, false, viaProxy)) {
        // the workers reach the broker directly: only the gateway's connection is cut
        stack.node.deployWorkers(new io.stocksync.workers.WorkersConfig(stack.db, real, stack.topology, java.util.Map.of()));

        assertThat(stack.postEvent(Events.receipt("wms-cut", "BEFORE", "SKU-CUT", "DC-1", "1")).statusCode())
          .isEqualTo(202);

        proxy.cut();
        await().atMost(Duration.ofSeconds(20)).until(() -> stack.get("/health/ready").statusCode() == 503);
        HttpResponse<String> during = stack.postEvent(Events.receipt("wms-cut", "DURING", "SKU-CUT", "DC-1", "100"));
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).isPresent();

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.get("/health/ready").statusCode() == 200);
        assertThat(stack.postEvent(Events.receipt("wms-cut", "AFTER", "SKU-CUT", "DC-1", "2")).statusCode())
          .isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.movements("SKU-CUT") == 2);
        assertThat(stack.ledger.onHand("SKU-CUT", "DC-1")).isEqualByComparingTo("3");
      }
    }
  }
}
