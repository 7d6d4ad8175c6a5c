package io.stocksync.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocksync.contracts.connect.DatabaseConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseIT {

  @Test
  void runs_postgresql_17_with_a_stocksync_database() throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(null, 0)) {
      DatabaseConfig config = database.config();

      assertThat(Sql.queryString(config, "select version()")).startsWith("PostgreSQL 17.");
      assertThat(Sql.queryString(config, "select current_database()")).isEqualTo("stocksync");
      assertThat(config.host()).isEqualTo("127.0.0.1");
      assertThat(config.user()).isEqualTo("postgres");
      assertThat(config.password()).isEmpty();
      assertThat(config.poolSize()).isEqualTo(8);
    }
  }

  @Test
  void keeps_data_in_a_persistent_directory_across_restarts(@TempDir Path data) throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0)) {
      Sql.execute(database.config(), "create table kept (value text); insert into kept values ('still here')");
    }

    try (EmbeddedDatabase restarted = EmbeddedDatabase.start(data, 0)) {
      assertThat(Sql.queryString(restarted.config(), "select value from kept")).isEqualTo("still here");
    }
  }

  @Test
  void refuses_a_second_process_on_a_data_directory_in_use(@TempDir Path data) throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0)) {
      Sql.execute(database.config(), "create table kept (value text); insert into kept values ('untouched')");

      Process second = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        SecondDatabaseStart.class.getName(), data.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
      String error = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(second.exitValue()).as(error).isEqualTo(SecondDatabaseStart.REFUSED);
      assertThat(error).contains("PostgreSQL data directory " + data + " is in use");
      assertThat(Sql.queryString(database.config(), "select value from kept")).isEqualTo("untouched");
    }
  }

  @Test
  void refuses_a_fixed_port_that_is_taken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> EmbeddedDatabase.start(null, taken.getLocalPort()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
    }
  }
}
