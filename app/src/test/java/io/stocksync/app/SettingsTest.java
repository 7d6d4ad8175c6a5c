package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocksync.contracts.connect.BrokerDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir
  Path dir;

  @Test
  void reads_yaml_then_environment_then_system_properties() throws IOException {
    Path file = write("""
      db:
        host: db.internal
        name: ledger
        user: stocksync
        pool-size: 12
      broker:
        host: mq.internal
        user: stocksync
        dialect: rabbitmq
      http:
        port: 9000
      """);
    Properties props = new Properties();
    props.put("stocksync.http.port", "9100");

    Settings settings = Settings.load(file, Map.of("STOCKSYNC_DB_HOST", "db.other", "STOCKSYNC_HTTP_PORT", "9001"), props);

    var db = RoleConfigs.database(settings);
    assertThat(db.host()).isEqualTo("db.other");
    assertThat(db.poolSize()).isEqualTo(12);
    assertThat(db.port()).isEqualTo(5432);
    assertThat(RoleConfigs.broker(settings).dialect()).isEqualTo(BrokerDialect.RABBITMQ);
    assertThat(RoleConfigs.gateway(settings, db, RoleConfigs.broker(settings)).port()).isEqualTo(9100);
  }

  @Test
  void a_missing_key_stops_startup_naming_the_key_and_its_variable() {
    Settings settings = Settings.load(null, Map.of("STOCKSYNC_DB_HOST", "db"), new Properties());

    assertThatThrownBy(() -> RoleConfigs.database(settings))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("db.name")
      .hasMessageContaining("STOCKSYNC_DB_NAME");
  }

  @Test
  void a_bad_value_names_the_key_and_where_it_came_from() {
    Settings settings = Settings.load(null, Map.of("STOCKSYNC_DB_HOST", "db", "STOCKSYNC_DB_NAME", "x",
      "STOCKSYNC_DB_USER", "u", "STOCKSYNC_DB_PORT", "fivefour"), new Properties());

    assertThatThrownBy(() -> RoleConfigs.database(settings))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("db.port")
      .hasMessageContaining("STOCKSYNC_DB_PORT");
  }

  @Test
  void an_out_of_range_value_names_the_key() {
    Settings settings = Settings.of(Map.of("broker.host", "mq", "broker.user", "u", "broker.dialect", "kafka"));

    assertThatThrownBy(() -> RoleConfigs.broker(settings))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("broker.dialect");
  }

  @Test
  void workers_take_consumers_per_lane_and_a_delivery_limit_from_the_environment_and_refuse_bad_ones() {
    var db = new io.stocksync.contracts.connect.DatabaseConfig("db", 5432, "x", "u", "", 4);
    var broker = new io.stocksync.contracts.connect.BrokerConfig("mq", 5672, "u", "", "/", BrokerDialect.RABBITMQ);
    Settings settings = Settings.load(null, Map.of("STOCKSYNC_WORKERS_CONCURRENCY_CRITICAL", "3",
      "STOCKSYNC_WORKERS_MAX_DELIVERIES", "2"), new Properties());

    var workers = RoleConfigs.workers(settings, db, broker);

    assertThat(workers.concurrency()).containsEntry(io.stocksync.contracts.topology.Lane.CRITICAL, 3)
      .containsEntry(io.stocksync.contracts.topology.Lane.BULK, 1);
    assertThat(workers.maxDeliveries()).isEqualTo(2);
    assertThat(RoleConfigs.workers(Settings.of(Map.of()), db, broker).maxDeliveries()).isEqualTo(5);
    assertThatThrownBy(() -> RoleConfigs.workers(Settings.of(Map.of("workers.concurrency.bulk", "0")), db, broker))
      .isInstanceOf(ConfigException.class).hasMessageContaining("workers.concurrency.bulk");
    assertThatThrownBy(() -> RoleConfigs.workers(Settings.of(Map.of("workers.max-deliveries", "0")), db, broker))
      .isInstanceOf(ConfigException.class).hasMessageContaining("workers.max-deliveries");
  }

  @Test
  void routing_overrides_move_an_event_type_to_another_lane_and_priority() {
    Settings settings = Settings.of(java.util.Map.of("routing.receipt", "bulk:2", "routing.adjustment", "critical"));

    var routing = RoleConfigs.routing(settings);

    assertThat(routing.route(io.stocksync.contracts.event.EventType.RECEIPT))
      .isEqualTo(new io.stocksync.gateway.LaneRouting.Route(io.stocksync.contracts.topology.Lane.BULK, 2));
    assertThat(routing.route(io.stocksync.contracts.event.EventType.ADJUSTMENT).lane())
      .isEqualTo(io.stocksync.contracts.topology.Lane.CRITICAL);
    assertThatThrownBy(() -> RoleConfigs.routing(Settings.of(java.util.Map.of("routing.shipment", "fast:1"))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("routing.shipment");
    assertThatThrownBy(() -> RoleConfigs.routing(Settings.of(java.util.Map.of("routing.shipment", "critical:12"))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("routing.shipment");
  }

  @Test
  void routing_rules_come_from_a_yaml_list_or_the_text_form_of_the_environment() throws IOException {
    Path file = write("""
      routing:
        receipt: standard:4
        rules:
          - {client-class: partner, type: [receipt, return], lane: bulk, priority: 2}
          - location: DC-ECOM
            "extension.acme:rush": true
            lane: critical
      """);

    var fromFile = RoleConfigs.routing(Settings.load(file, Map.of(), new Properties()));

    assertThat(fromFile.rules()).hasSize(2);
    assertThat(fromFile.rules().get(0).lane()).isEqualTo(io.stocksync.contracts.topology.Lane.BULK);
    assertThat(fromFile.rules().get(1).extensions()).containsEntry("acme:rush", java.util.Set.of("true"));
    assertThat(fromFile.route(io.stocksync.contracts.event.EventType.RECEIPT).priority()).isEqualTo(4);

    var fromEnv = RoleConfigs.routing(Settings.load(file,
      Map.of("STOCKSYNC_ROUTING_RULES", "client-class=scanner -> critical:8"), new Properties()));
    assertThat(fromEnv.rules()).singleElement().satisfies(rule -> assertThat(rule.priority()).isEqualTo(8));

    assertThatThrownBy(() -> RoleConfigs.routing(Settings.load(write("""
      routing:
        rules:
          - {type: receipt, lane: bulk}
          - {colour: red, lane: bulk}
      """), Map.of(), new Properties())))
      .isInstanceOf(ConfigException.class).hasMessageContaining("routing.rules[1].colour");
  }

  @Test
  void every_event_type_is_routable_from_the_environment() {
    Settings settings = Settings.load(null, java.util.Map.of("STOCKSYNC_ROUTING_CYCLE_COUNT", "standard:2",
      "STOCKSYNC_ROUTING_TRANSFER_IN", "critical"), java.util.Map.of());

    var routing = RoleConfigs.routing(settings);

    assertThat(routing.route(io.stocksync.contracts.event.EventType.CYCLE_COUNT))
      .isEqualTo(new io.stocksync.gateway.LaneRouting.Route(io.stocksync.contracts.topology.Lane.STANDARD, 2));
    assertThat(routing.route(io.stocksync.contracts.event.EventType.TRANSFER_IN).lane())
      .isEqualTo(io.stocksync.contracts.topology.Lane.CRITICAL);
    for (var type : io.stocksync.contracts.event.EventType.values()) {
      assertThat(RoleConfigs.routing(Settings.of(java.util.Map.of())).route(type)).as(type.wireName()).isNotNull();
    }
  }

  @Test
  void an_unknown_key_in_the_file_is_refused() throws IOException {
    Path file = write("""
      db:
        hots: typo
      """);

    assertThatThrownBy(() -> Settings.load(file, Map.of(), new Properties()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("db.hots");
  }

  @Test
  void every_key_has_an_environment_variable_of_the_same_name() {
    assertThat(Settings.envName("workers.prefetch.critical")).isEqualTo("STOCKSYNC_WORKERS_PREFETCH_CRITICAL");
    assertThat(Settings.envName("http.max-body-bytes")).isEqualTo("STOCKSYNC_HTTP_MAX_BODY_BYTES");
  }

  @Test
  void the_cli_reports_a_configuration_error_with_exit_code_2() {
    var err = new java.io.StringWriter();
    var cli = StocksyncMain.commandLine();
    cli.setErr(new java.io.PrintWriter(err));

    int code = cli.execute("migrate", "--config", dir.resolve("missing.yaml").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("configuration error").contains("missing.yaml");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("stocksync.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void an_erp_batch_larger_than_the_bulkhead_stops_startup_naming_both_keys() {
    Settings settings = Settings.load(null, Map.of("STOCKSYNC_ERP_CONNECTOR", "rest",
      "STOCKSYNC_ERP_BASE_URL", "http://erp.internal", "STOCKSYNC_ERP_BATCH_SIZE", "40",
      "STOCKSYNC_ERP_BULKHEAD_MAX_CONCURRENT", "16"), new Properties());

    assertThatThrownBy(() -> ErpSettings.from(settings, null))
      .hasMessageContaining("erp.batch-size (40)")
      .hasMessageContaining("erp.bulkhead.max-concurrent (16)");
  }

  @Test
  void the_default_erp_batch_fits_the_default_bulkhead() {
    Settings settings = Settings.load(null, Map.of("STOCKSYNC_ERP_CONNECTOR", "rest",
      "STOCKSYNC_ERP_BASE_URL", "http://erp.internal"), new Properties());

    ErpSettings erp = ErpSettings.from(settings, null);

    assertThat(erp.poster().batchSize()).isLessThanOrEqualTo(erp.rest().resilience().bulkhead().maxConcurrentCalls());
  }
}
