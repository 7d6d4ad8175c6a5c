package io.stocksync.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.BrokerDialect;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {

  private static final Map<String, Object> PRIORITY_LANE = Map.of("x-max-priority", 10, "x-qpid-priorities", 10);

  @Test
  void serves_rabbitmq_clients_on_the_default_virtual_host_with_the_qpid_dialect() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(null, 0);
         Connection connection = Amqp.connect(broker.config())) {
      BrokerConfig config = broker.config();

      assertThat(config.host()).isEqualTo("127.0.0.1");
      assertThat(config.port()).isPositive();
      assertThat(config.virtualHost()).isEqualTo("default");
      assertThat(config.dialect()).isEqualTo(BrokerDialect.QPID);
      assertThat(connection.isOpen()).isTrue();
      assertThat(broker.persistent()).isFalse();
    }
  }

  @Test
  void keeps_the_connection_open_on_rabbitmq_arguments_and_delivers_by_qpid_priority() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(null, 0);
         Connection connection = Amqp.connect(broker.config())) {
      Channel channel = connection.createChannel();
      channel.queueDeclare("stocksync.lane.test", true, false, false, PRIORITY_LANE);
      assertThat(connection.isOpen()).as("connection after declaring x-max-priority").isTrue();

      Amqp.publishConfirmed(channel, "stocksync.lane.test", "low", 1);
      Amqp.publishConfirmed(channel, "stocksync.lane.test", "high", 9);
      Amqp.publishConfirmed(channel, "stocksync.lane.test", "middle", 5);

      assertThat(Amqp.body(channel.basicGet("stocksync.lane.test", true))).isEqualTo("high");
      assertThat(Amqp.body(channel.basicGet("stocksync.lane.test", true))).isEqualTo("middle");
      assertThat(Amqp.body(channel.basicGet("stocksync.lane.test", true))).isEqualTo("low");
      assertThat(channel.basicGet("stocksync.lane.test", true)).isNull();
    }
  }

  @Test
  void keeps_persistent_messages_across_a_restart_on_the_same_work_directory(@TempDir Path work) throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(work, 0);
         Connection connection = Amqp.connect(broker.config())) {
      Channel channel = connection.createChannel();
      channel.queueDeclare("stocksync.lane.durable", true, false, false, PRIORITY_LANE);
      Amqp.publishConfirmed(channel, "stocksync.lane.durable", "survivor", 4);
      assertThat(broker.persistent()).isTrue();
    }

    try (EmbeddedBroker restarted = EmbeddedBroker.start(work, 0);
         Connection connection = Amqp.connect(restarted.config())) {
      Channel channel = connection.createChannel();

      assertThat(Amqp.body(channel.basicGet("stocksync.lane.durable", true))).isEqualTo("survivor");
    }

    try (EmbeddedBroker again = EmbeddedBroker.start(work, 0);
         Connection connection = Amqp.connect(again.config())) {
      assertThat(connection.createChannel().basicGet("stocksync.lane.durable", true)).as("acked before the restart")
        .isNull();
    }
  }

  @Test
  void refuses_a_second_broker_on_a_work_directory_in_use(@TempDir Path work) {
    try (EmbeddedBroker broker = EmbeddedBroker.start(work, 0)) {
      assertThatThrownBy(() -> EmbeddedBroker.start(work, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not start the embedded AMQP broker in " + work)
        .hasMessageContaining("Is another instance running?");
    }
  }

  @Test
  void listens_on_the_port_it_was_given() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    try (EmbeddedBroker broker = EmbeddedBroker.start(null, port);
         Connection connection = Amqp.connect(broker.config())) {
      assertThat(broker.config().port()).isEqualTo(port);
      assertThat(connection.getPort()).isEqualTo(port);
    }
  }
}
