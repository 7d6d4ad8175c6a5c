package io.stocksync.gateway.masterdata;

import io.stocksync.contracts.units.UnitCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks changes to the item master against what is stored and plans the writes, all or nothing.
 * The rules: units are UN/ECE Rec 20 codes of the unit catalog; a pack size is defined by a unit
 * already known for the item (its base unit, another pack size, or a Rec 20 unit of the base
 * unit's kind), so its worth in the base unit is exact and no definition can be circular; a pack
 * size never joins two kinds of quantity nor contradicts Rec 20; a pack size, once defined, is not
 * redefined; the base unit of an item with pack sizes or stock does not change. Pure.
 */
public final class ItemPlanner {

  /** An item as stored, with whether any balance of it exists. */
  public record Stored(String sku, String baseUnit, String description, boolean stocked, Map<String, PackSize> packs) {
    public Stored {
      packs = Map.copyOf(packs);
    }
  }

  /** A broken rule at a line (0 for a single request): {@code conflict} when it contradicts stored data. */
  public record Error(int line, String field, String detail, boolean conflict) {
  }

  /** What a change does when the plan is written. */
  public enum Effect { CREATED, UPDATED, UNCHANGED }

  /** The writes: items to insert or update, pack sizes to insert, and each change's effect in order. */
  public record Plan(List<ItemChange.SetItem> items, List<PackSize.Write> packs, List<Effect> effects, List<Error> errors) {
    public Plan {
      items = List.copyOf(items);
      packs = List.copyOf(packs);
      effects = List.copyOf(effects);
      errors = List.copyOf(errors);
    }
  }

  static final int MAX_LENGTH = 64;
  static final int MAX_DESCRIPTION = 256;
  private static final BigDecimal MAX_FACTOR = new BigDecimal("1000000000000");

  private final UnitCatalog units;

  public ItemPlanner(UnitCatalog units) {
    this.units = units;
  }

  private static final class Draft {
    String baseUnit;
    String description;
    boolean stocked;
    final Map<String, PackSize> packs = new LinkedHashMap<>();
    boolean stored;
  }

  public Plan plan(Map<String, Stored> stored, List<ItemChange> changes) {
    Map<String, Draft> drafts = new LinkedHashMap<>();
    stored.forEach((sku, item) -> {
      Draft draft = new Draft();
      draft.baseUnit = item.baseUnit();
      draft.description = item.description();
      draft.stocked = item.stocked();
      draft.packs.putAll(item.packs());
      draft.stored = true;
      drafts.put(sku, draft);
    });
    List<Error> errors = new ArrayList<>();
    Effect[] effects = new Effect[changes.size()];
    Map<String, ItemChange.SetItem> itemWrites = new LinkedHashMap<>();
    // items first, so that a file may list an item's pack sizes before or after it
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i) instanceof ItemChange.SetItem set) {
        effects[i] = setItem(set, drafts, itemWrites, errors);
      }
    }
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i) instanceof ItemChange.AddPack add && checkPack(add, drafts, errors)) {
        pending.add(i);
      }
    }
    List<PackSize.Write> packWrites = new ArrayList<>();
    // a pack size defined by another of the same file waits until that one is resolved
    boolean progress = true;
    while (progress && !pending.isEmpty()) {
      progress = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        int i = it.next();
        ItemChange.AddPack add = (ItemChange.AddPack) changes.get(i);
        Draft draft = drafts.get(add.sku());
        Optional<BigDecimal> per = worth(draft, add.of());
        if (per.isEmpty() && isPendingUnit(pending, changes, add.sku(), add.of(), i)) {
          continue;
        }
        it.remove();
        progress = true;
        effects[i] = addPack(add, draft, per, packWrites, errors);
      }
    }
    for (int i : pending) {
      ItemChange.AddPack add = (ItemChange.AddPack) changes.get(i);
      errors.add(new Error(add.line(), "of", add.unit() + " and " + add.of() + " of SKU " + add.sku()
        + " are defined by each other: a pack size must come down to the base unit "
        + drafts.get(add.sku()).baseUnit, false));
    }
    if (!errors.isEmpty()) {
      errors.sort(java.util.Comparator.comparingInt(Error::line));
      return new Plan(List.of(), List.of(), List.of(), errors);
    }
    return new Plan(new ArrayList<>(itemWrites.values()), packWrites, List.of(effects), List.of());
  }

  private Effect setItem(ItemChange.SetItem set, Map<String, Draft> drafts, Map<String, ItemChange.SetItem> writes,
      List<Error> errors) {
    int before = errors.size();
    sku(set.line(), set.sku(), errors);
    if (set.baseUnit() == null) {
      errors.add(new Error(set.line(), "baseUnit", "is required: the UN/ECE Rec 20 code balances are kept in, e.g. EA",
        false));
    } else {
      unit(set.line(), "baseUnit", set.baseUnit(), errors);
    }
    if (set.description() != null && set.description().length() > MAX_DESCRIPTION) {
      errors.add(new Error(set.line(), "description", "must be at most " + MAX_DESCRIPTION + " characters", false));
    }
    if (errors.size() > before) {
      return null;
    }
    Draft draft = drafts.get(set.sku());
    if (draft == null) {
      draft = new Draft();
      draft.baseUnit = set.baseUnit();
      draft.description = set.description();
      drafts.put(set.sku(), draft);
      writes.put(set.sku(), set);
      return Effect.CREATED;
    }
    ItemChange.SetItem earlier = writes.get(set.sku());
    if (earlier != null && !draft.stored && !earlier.baseUnit().equals(set.baseUnit())) {
      errors.add(new Error(set.line(), "baseUnit", "gives SKU " + set.sku() + " base unit " + set.baseUnit()
        + ", but line " + earlier.line() + " gives it " + earlier.baseUnit(), false));
      return null;
    }
    if (!draft.baseUnit.equals(set.baseUnit())) {
      if (!draft.packs.isEmpty() || draft.stocked) {
        errors.add(new Error(set.line(), "baseUnit", "SKU " + set.sku() + " is kept in " + draft.baseUnit
          + (draft.stocked ? " and has stock" : " and has pack sizes") + ", so its base unit cannot change to "
          + set.baseUnit(), true));
        return null;
      }
    } else if (java.util.Objects.equals(draft.description, set.description()) || set.description() == null) {
      return Effect.UNCHANGED;
    }
    draft.baseUnit = set.baseUnit();
    draft.description = set.description() == null ? draft.description : set.description();
    writes.put(set.sku(), new ItemChange.SetItem(set.line(), set.sku(), draft.baseUnit, draft.description));
    return draft.stored ? Effect.UPDATED : Effect.CREATED;
  }

  /** The rules a pack size breaks on its own; true when it may be resolved. */
  private boolean checkPack(ItemChange.AddPack add, Map<String, Draft> drafts, List<Error> errors) {
    int before = errors.size();
    sku(add.line(), add.sku(), errors);
    unit(add.line(), "unit", add.unit(), errors);
    unit(add.line(), "of", add.of(), errors);
    if (add.quantity() == null) {
      errors.add(new Error(add.line(), "quantity", "is required: how many of 'of' one unit holds", false));
    } else if (add.quantity().signum() <= 0) {
      errors.add(new Error(add.line(), "quantity", "must be greater than 0", false));
    } else if (add.quantity().stripTrailingZeros().scale() > UnitCatalog.MAX_SCALE) {
      errors.add(new Error(add.line(), "quantity", "has more than " + UnitCatalog.MAX_SCALE + " decimal places", false));
    }
    if (errors.size() > before) {
      return false;
    }
    Draft draft = drafts.get(add.sku());
    if (draft == null) {
      errors.add(new Error(add.line(), "sku", "SKU " + add.sku() + " is not an item: create it with its base unit first",
        false));
      return false;
    }
    String base = draft.baseUnit;
    if (add.unit().equals(base)) {
      errors.add(new Error(add.line(), "unit", add.unit() + " is the base unit of SKU " + add.sku(), false));
      return false;
    }
    if (add.unit().equals(add.of())) {
      errors.add(new Error(add.line(), "of", "a unit cannot be defined by itself", false));
      return false;
    }
    for (String code : new String[] {add.unit(), add.of()}) {
      if (units.differentKinds(code, base)) {
        errors.add(new Error(add.line(), code.equals(add.unit()) ? "unit" : "of", code + " and " + base
          + " measure different kinds of quantity; SKU " + add.sku() + " is kept in " + base
          + ", and no pack size converts across kinds", false));
        return false;
      }
    }
    return true;
  }

  private Effect addPack(ItemChange.AddPack add, Draft draft, Optional<BigDecimal> per, List<PackSize.Write> writes,
      List<Error> errors) {
    if (per.isEmpty()) {
      errors.add(new Error(add.line(), "of", add.of() + " is not the base unit of SKU " + add.sku() + " ("
        + draft.baseUnit + "), one of its pack sizes or a unit of the base unit's kind", false));
      return null;
    }
    BigDecimal factor;
    try {
      factor = UnitCatalog.exact(add.quantity().multiply(per.get()), add.unit(), draft.baseUnit);
    } catch (ArithmeticException e) {
      errors.add(new Error(add.line(), "quantity", e.getMessage(), false));
      return null;
    }
    if (factor.compareTo(MAX_FACTOR) > 0) {
      errors.add(new Error(add.line(), "quantity", "one " + add.unit() + " would hold " + factor.toPlainString() + " "
        + draft.baseUnit + ", more than " + MAX_FACTOR.toPlainString(), false));
      return null;
    }
    if (units.sameKind(add.unit(), draft.baseUnit)) {
      BigDecimal rec20 = units.convert(BigDecimal.ONE, add.unit(), draft.baseUnit).orElseThrow();
      if (rec20.compareTo(factor) != 0) {
        errors.add(new Error(add.line(), "quantity", "one " + add.unit() + " is " + rec20.toPlainString() + " "
          + draft.baseUnit + " by UN/ECE Rec 20, not " + factor.toPlainString(), false));
        return null;
      }
    }
    PackSize existing = draft.packs.get(add.unit());
    if (existing != null) {
      if (existing.factor().compareTo(factor) == 0) {
        return Effect.UNCHANGED;
      }
      errors.add(new Error(add.line(), "unit", "SKU " + add.sku() + " has pack size " + add.unit() + " = "
        + existing.quantity().stripTrailingZeros().toPlainString() + " " + existing.of() + " ("
        + existing.factor().stripTrailingZeros().toPlainString() + " " + draft.baseUnit
        + "); a pack size is not redefined", true));
      return null;
    }
    PackSize pack = new PackSize(add.unit(), add.quantity().stripTrailingZeros(), add.of(), factor, null, null);
    draft.packs.put(add.unit(), pack);
    writes.add(new PackSize.Write(add.sku(), pack));
    return Effect.CREATED;
  }

  /** What one {@code unit} is worth in the item's base unit, if the item knows it yet. */
  private Optional<BigDecimal> worth(Draft draft, String unit) {
    if (unit.equals(draft.baseUnit)) {
      return Optional.of(BigDecimal.ONE);
    }
    PackSize pack = draft.packs.get(unit);
    if (pack != null) {
      return Optional.of(pack.factor());
    }
    if (units.sameKind(unit, draft.baseUnit)) {
      try {
        return units.convert(BigDecimal.ONE, unit, draft.baseUnit);
      } catch (ArithmeticException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean isPendingUnit(List<Integer> pending, List<ItemChange> changes, String sku, String unit, int self) {
    for (int i : pending) {
      if (i != self && changes.get(i) instanceof ItemChange.AddPack other && other.sku().equals(sku)
          && other.unit().equals(unit)) {
        return true;
      }
    }
    return false;
  }

  private static void sku(int line, String sku, List<Error> errors) {
    if (sku == null) {
      errors.add(new Error(line, "sku", "is required", false));
    } else if (sku.isEmpty() || sku.codePointCount(0, sku.length()) > MAX_LENGTH) {
      errors.add(new Error(line, "sku", "must be 1 to " + MAX_LENGTH + " characters", false));
    }
  }

  private void unit(int line, String field, String code, List<Error> errors) {
    if (code == null) {
      errors.add(new Error(line, field, "is required", false));
    } else if (units.find(code).isEmpty()) {
      errors.add(new Error(line, field, "'" + (code.length() > 8 ? code.substring(0, 8) + "…" : code)
        + "' is not a UN/ECE Rec 20 unit code, e.g. EA, CS, PF, KGM", false));
    }
  }
}
