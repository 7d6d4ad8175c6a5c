package io.stocksync.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NegativeOnHandPolicyTest {

  @Test
  void sources_override_the_default() {
    NegativeOnHandPolicy policy = NegativeOnHandPolicy.parse("refuse", " wms-a:allow , shop.eu:refuse");

    assertThat(policy.refuses("wms-a")).isFalse();
    assertThat(policy.refuses("shop.eu")).isTrue();
    assertThat(policy.refuses("anyone")).isTrue();
    assertThat(policy.sources(false)).containsExactly("wms-a");
    assertThat(NegativeOnHandPolicy.parse(null, null).refuses("anyone")).isFalse();
  }

  @Test
  void bad_values_name_their_key() {
    assertThatThrownBy(() -> NegativeOnHandPolicy.parse("deny", null))
      .hasMessage("ledger.negative-on-hand.default must be 'allow' or 'refuse', was 'deny'");
    assertThatThrownBy(() -> NegativeOnHandPolicy.parse("allow", "wms-a"))
      .hasMessageStartingWith("ledger.negative-on-hand.sources must list source:allow or source:refuse");
    assertThatThrownBy(() -> NegativeOnHandPolicy.parse("allow", "wms-a:refuse,wms-a:allow"))
      .hasMessage("ledger.negative-on-hand.sources names source 'wms-a' twice");
  }
}
