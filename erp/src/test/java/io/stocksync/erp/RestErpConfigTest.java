package io.stocksync.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocksync.erp.ErpResilienceConfig.BreakerPolicy;
import io.stocksync.erp.ErpResilienceConfig.RetryPolicy;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connector settings: sane defaults, every bad value named by its key, secrets kept out of logs. */
class RestErpConfigTest {

  @Test
  void defaults_point_at_the_reference_erp_api() {
    RestErpConfig config = RestErpConfig.of("http://localhost:8089");

    assertThat(config.postPath()).isEqualTo("/api/v1/journals");
    assertThat(config.lookupPath()).isEqualTo("/api/v1/journals/{reference}");
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.fields()).isEqualTo(ErpFieldMapping.REFERENCE_ERP);
    assertThat(config.resilience()).isEqualTo(ErpResilienceConfig.defaults());
    assertThat(config.resilience().retry().maxAttempts()).isEqualTo(4);
  }

  @Test
  void bad_values_are_refused_with_the_name_of_their_key() {
    RestErpConfig base = RestErpConfig.of("http://localhost:8089");

    assertThatThrownBy(() -> RestErpConfig.of("ftp://erp")).hasMessageContaining("erp.base-url");
    assertThatThrownBy(() -> base.withPaths("/journals", "/journals/{id}")).hasMessageContaining("erp.lookup-path");
    assertThatThrownBy(() -> base.withPaths("journals", "/journals/{reference}")).hasMessageContaining("erp.post-path");
    assertThatThrownBy(() -> base.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)))
      .hasMessageContaining("erp.connect-timeout-ms");
    assertThatThrownBy(() -> base.withHeaders(Map.of("Bad Header", "x"))).hasMessageContaining("erp.headers");
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(10), 2, 0.5, Duration.ofSeconds(1), Duration.ZERO))
      .hasMessageContaining("erp.retry.max-attempts");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), 2, 0.5, Duration.ofSeconds(1), Duration.ZERO))
      .hasMessageContaining("erp.retry.max-backoff-ms");
    assertThatThrownBy(() -> new BreakerPolicy(50, 10, 11, Duration.ofSeconds(1), 1))
      .hasMessageContaining("erp.breaker.minimum-calls");
    assertThatThrownBy(() -> new ErpFieldMapping("ref", "lines", "code", "code", null, "uom", "qty", null, "id",
      "X-Dup", true)).hasMessageContaining("'code'");
  }

  @Test
  void header_values_are_not_printed() {
    RestErpConfig config = RestErpConfig.of("https://erp.example.com").withHeaders(Map.of("X-Api-Key", "s3cr3t"));

    assertThat(config.toString()).contains("X-Api-Key").doesNotContain("s3cr3t");
  }

  @Test
  void retry_after_is_read_as_seconds_or_as_an_http_date() {
    String inOneMinute = ZonedDateTime.now().plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);

    assertThat(ErpAnswers.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(ErpAnswers.retryAfter(inOneMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
    assertThat(ErpAnswers.retryAfter("soon")).isNull();
    assertThat(ErpAnswers.retryAfter(null)).isNull();
  }

  @Test
  void behaviour_round_trips_through_json_and_rejects_bad_values() {
    ErpBehaviour behaviour = ErpBehaviour.NORMAL.withLatency(Duration.ofMillis(20)).withErrors(0.25, 500, 9L)
      .withPostingDelay(Duration.ofSeconds(3));

    assertThat(ErpBehaviour.fromJson(behaviour.toJson())).isEqualTo(behaviour);
    assertThatThrownBy(() -> ErpBehaviour.fromJson(behaviour.toJson().put("errorStatus", 404)))
      .hasMessageContaining("errorStatus");
    assertThatThrownBy(() -> ErpBehaviour.fromJson(behaviour.toJson().put("down", "yes")))
      .hasMessageContaining("down");
  }
}
