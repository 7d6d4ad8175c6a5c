package io.stocksync.gateway.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailedEventFilterTest {

  private static FailedEventFilter parse(Map<String, String> values) {
    return FailedEventFilter.parse(values::get, "failed");
  }

  @Test
  void reads_every_member_and_defaults_the_status() {
    FailedEventFilter filter = parse(Map.of("lane", "Critical", "source", "wms-east", "type", "cycle-count",
      "cause", "reserved", "failedAfter", "2026-12-03T06:00:00+01:00", "failedBefore", "2026-12-03T12:00:00Z"));

    assertThat(filter.status()).isEqualTo("failed");
    assertThat(filter.lane()).isEqualTo("critical");
    assertThat(filter.type()).isEqualTo("cycle-count");
    assertThat(filter.failedAfter()).isEqualTo(Instant.parse("2026-12-03T05:00:00Z"));
    assertThat(filter.onlyByStatus()).isFalse();
  }

  @Test
  void all_means_any_status_and_empty_values_do_not_filter() {
    FailedEventFilter filter = parse(Map.of("status", "all", "source", "", "cause", ""));

    assertThat(filter.status()).isNull();
    assertThat(filter.onlyByStatus()).as("nothing but the status filters").isTrue();
  }

  @Test
  void names_the_member_that_is_not_valid() {
    assertThatThrownBy(() -> parse(Map.of("status", "stuck"))).isInstanceOfSatisfying(FailedEventFilter.Invalid.class,
      e -> assertThat(e.member()).isEqualTo("status"));
    assertThatThrownBy(() -> parse(Map.of("lane", "fast"))).hasMessage(
      "lane must be critical, standard or bulk, was 'fast'");
    assertThatThrownBy(() -> parse(Map.of("type", "sale"))).hasMessageStartingWith("type must be an event type");
    assertThatThrownBy(() -> parse(Map.of("failedBefore", "2026-12-03"))).hasMessageStartingWith(
      "failedBefore must be an RFC 3339 time with an offset");
    assertThatThrownBy(() -> parse(Map.of("failedAfter", "2026-12-03T12:00:00Z", "failedBefore", "2026-12-03T06:00:00Z")))
      .hasMessage("failedAfter must be earlier than failedBefore");
  }
}
