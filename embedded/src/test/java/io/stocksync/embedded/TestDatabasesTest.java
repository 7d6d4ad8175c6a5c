package io.stocksync.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestDatabasesTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void makes_unique_names_that_postgresql_takes_unquoted() {
    String name = TestDatabases.newName(NOW);

    assertThat(name).matches("[a-z_][a-z0-9_]*").hasSizeLessThanOrEqualTo(63).startsWith("stocksync_t_");
    assertThat(TestDatabases.newName(NOW)).isNotEqualTo(name);
  }

  @Test
  void counts_as_leftover_only_its_own_databases_older_than_the_cutoff() {
    Instant cutoff = NOW.minus(Duration.ofDays(1));

    assertThat(TestDatabases.isLeftover(TestDatabases.newName(NOW.minus(Duration.ofDays(2))), cutoff)).isTrue();
    assertThat(TestDatabases.isLeftover(TestDatabases.newName(NOW), cutoff)).isFalse();
    assertThat(TestDatabases.isLeftover("stocksync", cutoff)).isFalse();
    assertThat(TestDatabases.isLeftover("stocksync_t_old_copy", cutoff)).isFalse();
    assertThat(TestDatabases.isLeftover("stocksync_t_1_abc_keep", cutoff)).isFalse();
  }
}
