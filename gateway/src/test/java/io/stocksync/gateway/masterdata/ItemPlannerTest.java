package io.stocksync.gateway.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocksync.contracts.units.UnitCatalog;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemPlannerTest {

  private final ItemPlanner planner = new ItemPlanner(UnitCatalog.load());

  private static ItemChange.AddPack pack(int line, String sku, String unit, String quantity, String of) {
    return new ItemChange.AddPack(line, sku, unit, new BigDecimal(quantity), of);
  }

  @Test
  void a_pallet_of_cases_is_worth_its_cases_in_the_base_unit_whatever_the_order_of_the_lines() {
    ItemPlanner.Plan plan = planner.plan(Map.of(), List.of(
      pack(2, "SKU-1", "PL", "40", "CS"),
      new ItemChange.SetItem(3, "SKU-1", "EA", null),
      pack(4, "SKU-1", "CS", "12", "EA"),
      new ItemChange.SetItem(5, "SKU-2", "KGM", null),
      pack(6, "SKU-2", "BG", "500", "GRM")));

    assertThat(plan.errors()).isEmpty();
    assertThat(plan.packs()).extracting(w -> w.pack().unit() + "=" + w.pack().factor().toPlainString())
      .containsExactlyInAnyOrder("CS=12", "PL=480", "BG=0.5");
  }

  @Test
  void refuses_cycles_cross_kind_packs_redefinitions_and_rec20_contradictions() {
    Map<String, ItemPlanner.Stored> stored = Map.of("SKU-1", new ItemPlanner.Stored("SKU-1", "EA", null, true,
      Map.of("CS", new PackSize("CS", BigDecimal.TEN, "EA", BigDecimal.TEN, null, null))));
    ItemPlanner.Plan plan = planner.plan(stored, List.of(
      pack(2, "SKU-1", "PL", "4", "BX"),
      pack(3, "SKU-1", "BX", "2", "PL"),
      pack(4, "SKU-1", "KGM", "2", "EA"),
      pack(5, "SKU-1", "CS", "12", "EA"),
      pack(6, "SKU-1", "DZN", "10", "EA"),
      new ItemChange.SetItem(7, "SKU-1", "CS", null),
      pack(8, "SKU-1", "PK", "1", "ZZZ")));

    assertThat(plan.packs()).isEmpty();
    assertThat(plan.errors()).extracting(e -> e.line() + " " + e.conflict() + " " + e.detail()).satisfiesExactly(
      e -> assertThat(e).startsWith("2 false PL and BX of SKU SKU-1 are defined by each other"),
      e -> assertThat(e).startsWith("3 false BX and PL"),
      e -> assertThat(e).contains("4 false KGM and EA measure different kinds"),
      e -> assertThat(e).startsWith("5 true SKU SKU-1 has pack size CS = 10 EA"),
      e -> assertThat(e).startsWith("6 false one DZN is 12 EA by UN/ECE Rec 20, not 10"),
      e -> assertThat(e).startsWith("7 true SKU SKU-1 is kept in EA and has stock"),
      e -> assertThat(e).startsWith("8 false 'ZZZ' is not a UN/ECE Rec 20 unit code"));
  }

  @Test
  void the_same_pack_size_again_is_unchanged() {
    Map<String, ItemPlanner.Stored> stored = Map.of("SKU-1", new ItemPlanner.Stored("SKU-1", "EA", null, false,
      Map.of("CS", new PackSize("CS", new BigDecimal("12"), "EA", new BigDecimal("12.000000"), null, null))));
    ItemPlanner.Plan plan = planner.plan(stored, List.of(pack(0, "SKU-1", "CS", "12.0", "EA")));

    assertThat(plan.errors()).isEmpty();
    assertThat(plan.effects()).containsExactly(ItemPlanner.Effect.UNCHANGED);
  }
}
