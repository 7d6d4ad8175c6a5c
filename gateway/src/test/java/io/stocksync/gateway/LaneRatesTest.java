package io.stocksync.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocksync.contracts.topology.Lane;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LaneRatesTest {

  final AtomicLong now = new AtomicLong(1_800_000_000_000L);
  final LaneRates rates = new LaneRates(now::get);

  @Test
  void counts_each_lanes_publishes_and_refusals_over_the_last_minute() {
    now.addAndGet(60_000);
    for (int i = 0; i < 120; i++) {
      rates.record(Lane.CRITICAL, LaneRates.Outcome.PUBLISHED);
      rates.record(Lane.CRITICAL, i < 100 ? LaneRates.Outcome.CONFIRMED : LaneRates.Outcome.LANE_FULL);
      now.addAndGet(250);
    }
    rates.record(Lane.CRITICAL, LaneRates.Outcome.FAILED);

    JsonObject critical = rates.recent(Lane.CRITICAL);

    assertThat(critical.getLong("published")).isEqualTo(120);
    assertThat(critical.getLong("confirmed")).isEqualTo(100);
    assertThat(critical.getLong("laneFull")).isEqualTo(20);
    assertThat(critical.getLong("rejected")).isEqualTo(21);
    assertThat(critical.getDouble("publishedPerSecond")).isEqualTo(2.0);
    assertThat(rates.recent(Lane.BULK).getLong("published")).isZero();
  }

  @Test
  void what_left_the_window_no_longer_counts() {
    now.addAndGet(120_000);
    rates.record(Lane.STANDARD, LaneRates.Outcome.PUBLISHED);
    now.addAndGet(30_000);
    rates.record(Lane.STANDARD, LaneRates.Outcome.PUBLISHED);
    assertThat(rates.recent(Lane.STANDARD).getLong("published")).isEqualTo(2);

    now.addAndGet(31_000);
    assertThat(rates.recent(Lane.STANDARD).getLong("published")).isEqualTo(1);

    // the same ring slot, a minute later: the old second is forgotten, not added to
    now.addAndGet(29_000);
    rates.record(Lane.STANDARD, LaneRates.Outcome.PUBLISHED);
    assertThat(rates.recent(Lane.STANDARD).getLong("published")).isEqualTo(1);
  }

  @Test
  void a_young_process_divides_by_the_seconds_it_has_been_up() {
    now.addAndGet(10_000);
    for (int i = 0; i < 50; i++) {
      rates.record(Lane.BULK, LaneRates.Outcome.CONFIRMED);
    }
    assertThat(rates.recent(Lane.BULK).getDouble("confirmedPerSecond")).isEqualTo(5.0);
  }
}
