package io.stocksync.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Connection;
import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.BrokerDialect;
import io.stocksync.contracts.connect.DatabaseConfig;
import org.junit.jupiter.api.Test;

// not named TestServicesIT: surefire's default includes take Test*.java for a unit test
class EmbeddedTestServicesIT {

  @Test
  void hands_each_caller_a_fresh_empty_database() throws Exception {
    DatabaseConfig first = TestServices.freshDatabase();
    DatabaseConfig second = TestServices.freshDatabase();

    assertThat(first.database()).startsWith("stocksync_t_").isNotEqualTo(second.database());
    assertThat(first.port()).isEqualTo(second.port()).isEqualTo(TestServices.database().port());
    assertThat(Sql.queryString(first, "select current_database()")).isEqualTo(first.database());
    assertThat(Sql.queryString(second, "select count(*) from pg_tables where schemaname = 'public'")).isEqualTo("0");
  }

  @Test
  void names_a_broker_whose_dialect_matches_what_runs_there() throws Exception {
    BrokerConfig broker = TestServices.broker();

    try (Connection connection = Amqp.connect(broker)) {
      assertThat(connection.isOpen()).isTrue();
      assertThat(broker.dialect()).isEqualTo(TestServices.realRabbitMq() ? BrokerDialect.RABBITMQ : BrokerDialect.QPID);
      assertThat(connection.getServerProperties().get("product").toString())
        .contains(TestServices.realRabbitMq() ? "RabbitMQ" : "Qpid");
    }
  }

  @Test
  void reuses_one_embedded_broker_per_jvm() {
    assertThat(TestServices.broker()).isEqualTo(TestServices.broker());
  }
}
