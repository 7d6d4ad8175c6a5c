package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.LaneMessageCodec;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.workers.LedgerRepository;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker that committed an event but stopped before its ack: the broker delivers the message
 * again, and the second delivery must change nothing.
 */
class RedeliveryIT {

  @Test
  void an_event_redelivered_after_a_commit_without_ack_changes_the_ledger_once() throws Exception {
    try (TestStack stack = TestStack.start(true, false)) {
      assertThat(stack.postEvent(Events.receipt("wms-redo", "RCV-REDO", "SKU-REDO", "DC-1", "12")).statusCode())
        .isEqualTo(202);
      String lane = stack.topology.laneQueue(Lane.STANDARD);

      // a consumer takes the message, commits it to the ledger exactly as a worker does, and dies before acking
      Connection connection = BrokerTestAdmin.connect(stack.broker);
      Channel channel = connection.createChannel();
      GetResponse delivery = await().atMost(Duration.ofSeconds(10)).until(() -> channel.basicGet(lane, false), r -> r != null);
      commitLikeAWorker(stack, delivery.getBody());
      connection.abort();
      assertThat(stack.ledger.movements("SKU-REDO")).isEqualTo(1);

      stack.startWorkers();

      await().atMost(Duration.ofSeconds(30)).until(() -> stack.node.counters().duplicates() == 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> BrokerTestAdmin.messageCount(stack.broker, lane) == 0);
      assertThat(stack.node.counters().applied()).isZero();
      assertThat(stack.ledger.movements("SKU-REDO")).isEqualTo(1);
      assertThat(stack.ledger.onHand("SKU-REDO", "DC-1")).isEqualByComparingTo("12");
    }
  }

  private static void commitLikeAWorker(TestStack stack, byte[] body) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Connections.pgPool(vertx, stack.db, "redelivery-test");
      InventoryEvent event = new LaneMessageCodec().decode(body);
      LedgerRepository.Outcome outcome = new LedgerRepository(pool)
        .apply(event, Lane.STANDARD, Buffer.buffer(body).toJsonObject())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(outcome).isEqualTo(LedgerRepository.Outcome.APPLIED);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
