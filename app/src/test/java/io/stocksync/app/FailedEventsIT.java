package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.LaneMessageCodec;
import io.stocksync.contracts.event.StockState;
import io.stocksync.contracts.topology.Lane;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Poison messages: dead-lettered and kept in PostgreSQL with payload, cause and attempts; replayed
 * on request, once the cause is gone, exactly once.
 */
class FailedEventsIT {

  static void publish(TestStack stack, byte[] body) throws Exception {
    try (Connection connection = BrokerTestAdmin.connect(stack.broker); Channel channel = connection.createChannel()) {
      channel.basicPublish(stack.topology.eventsExchange(), stack.topology.routingKey(Lane.STANDARD),
        new AMQP.BasicProperties.Builder().deliveryMode(2).build(), body);
    }
  }

  static InventoryEvent reservedAdjustment(String key, String quantity) {
    return InventoryEvent.builder().transactionId(UUID.randomUUID()).type(EventType.ADJUSTMENT).source("wms-fail")
      .transactionKey(key).occurredAt(Instant.now()).receivedAt(Instant.now()).sku("SKU-FAIL").location("DC-1")
      .quantity(new BigDecimal(quantity)).unit("EA").state(StockState.RESERVED).reasonCode("TEST").build();
  }

  @Test
  void a_poison_event_is_kept_with_its_cause_and_replayed_once_its_cause_is_gone() throws Exception {
    try (TestStack stack = TestStack.start(false, true)) {
      LaneMessageCodec codec = new LaneMessageCodec();
      // reserved can never go negative: this one fails the ledger's constraint on every delivery
      InventoryEvent release = reservedAdjustment("REL-1", "-5");
      publish(stack, codec.encode(release));
      publish(stack, "not an event".getBytes(StandardCharsets.UTF_8));

      await().atMost(Duration.ofSeconds(30)).until(() ->
        stack.ledger.count("SELECT count(*) FROM failed_event") == 2
          && BrokerTestAdmin.messageCount(stack.broker, stack.topology.deadLetterQueue()) == 2);
      assertThat(stack.ledger.count("SELECT count(*) FROM failed_event WHERE transaction_id = ?::uuid AND status = 'failed'"
        + " AND cause LIKE '%balance_reserved_not_negative%' AND body LIKE '%REL-1%'", release.transactionId().toString()))
        .isEqualTo(1);
      assertThat(stack.ledger.count("SELECT count(*) FROM failed_event WHERE transaction_id IS NULL"
        + " AND body = 'not an event'")).isEqualTo(1);

      // the cause goes away: a reservation of 10 arrives
      publish(stack, codec.encode(reservedAdjustment("RES-1", "10")));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(stack.ledger.balance("SKU-FAIL", "DC-1", "reserved")).isEqualByComparingTo("10"));

      stack.ledger.update("UPDATE failed_event SET status = 'replay_requested', replay_requested_at = now()"
        + " WHERE transaction_id = ?::uuid", release.transactionId().toString());
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(stack.ledger.balance("SKU-FAIL", "DC-1", "reserved")).isEqualByComparingTo("5"));
      assertThat(stack.ledger.count("SELECT count(*) FROM failed_event WHERE status = 'replayed' AND replay_outcome = 'applied'"))
        .isEqualTo(1);

      // replaying it again changes nothing: the ledger knows its source and key
      stack.ledger.update("UPDATE failed_event SET status = 'replay_requested', replay_requested_at = now()"
        + " WHERE transaction_id = ?::uuid", release.transactionId().toString());
      await().atMost(Duration.ofSeconds(30)).until(() ->
        stack.ledger.count("SELECT count(*) FROM failed_event WHERE replay_outcome = 'duplicate'") == 1);
      assertThat(stack.ledger.balance("SKU-FAIL", "DC-1", "reserved")).isEqualByComparingTo("5");
    }
  }
}
