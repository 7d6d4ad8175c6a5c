package io.stocksync.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestSettingTest {

  private static final String KEY = "stocksync.test.setting-test.value";

  @AfterEach
  void clear() {
    System.clearProperty(KEY);
  }

  @Test
  void names_the_environment_variable_after_the_property() {
    assertThat(TestSetting.environmentName("stocksync.test.db.host")).isEqualTo("STOCKSYNC_TEST_DB_HOST");
    assertThat(TestSetting.environmentName(KEY)).isEqualTo("STOCKSYNC_TEST_SETTING_TEST_VALUE");
  }

  @Test
  void treats_a_blank_property_as_unset_because_maven_passes_unset_ones_as_empty() {
    System.setProperty(KEY, "  ");

    assertThat(TestSetting.find(KEY)).isEmpty();
    assertThat(TestSetting.get(KEY, "fallback")).isEqualTo("fallback");
  }

  @Test
  void names_the_setting_when_a_port_is_not_a_number() {
    System.setProperty(KEY, "fifty");

    assertThatThrownBy(() -> TestSetting.port(KEY, 5432))
      .hasMessageContaining(KEY)
      .hasMessageContaining("STOCKSYNC_TEST_SETTING_TEST_VALUE")
      .hasMessageContaining("'fifty'");
  }
}
