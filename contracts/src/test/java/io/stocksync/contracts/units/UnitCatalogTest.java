package io.stocksync.contracts.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UnitCatalogTest {

  private final UnitCatalog units = UnitCatalog.load();

  @Test
  void converts_exactly_between_units_of_one_kind() {
    assertThat(units.convert(new BigDecimal("1500"), "GRM", "KGM")).hasValueSatisfying(
      q -> assertThat(q).isEqualByComparingTo("1.5"));
    assertThat(units.convert(new BigDecimal("100"), "LBR", "KGM")).hasValueSatisfying(
      q -> assertThat(q).isEqualByComparingTo("45.359237"));
    assertThat(units.convert(new BigDecimal("250"), "MLT", "LTR")).hasValueSatisfying(
      q -> assertThat(q).isEqualByComparingTo("0.25"));
    assertThat(units.convert(new BigDecimal("3"), "DZN", "EA")).hasValueSatisfying(
      q -> assertThat(q).isEqualByComparingTo("36"));
    assertThat(units.convert(new BigDecimal("7"), "H87", "EA")).hasValueSatisfying(
      q -> assertThat(q).isEqualByComparingTo("7"));
  }

  @Test
  void never_converts_across_kinds_of_quantity() {
    assertThat(units.convert(BigDecimal.ONE, "KGM", "EA")).isEmpty();
    assertThat(units.convert(BigDecimal.ONE, "LTR", "KGM")).isEmpty();
    assertThat(units.differentKinds("KGM", "EA")).isTrue();
    assertThat(units.differentKinds("GRM", "KGM")).isFalse();
  }

  @Test
  void package_units_have_no_factor_of_their_own() {
    assertThat(units.find("XCS")).hasValueSatisfying(u -> assertThat(u.convertible()).isFalse());
    assertThat(units.convert(BigDecimal.ONE, "XCS", "EA")).isEmpty();
    assertThat(units.differentKinds("XCS", "EA")).isFalse();
    assertThat(units.find("ZZZ")).isEmpty();
  }

  @Test
  void refuses_a_result_the_ledger_could_only_round() {
    assertThatThrownBy(() -> units.convert(new BigDecimal("0.5"), "MLT", "MTQ"))
      .isInstanceOf(ArithmeticException.class).hasMessageContaining("more than 6 decimal places");
  }
}
