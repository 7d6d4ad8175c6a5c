package io.stocksync.erp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reference ERP's books: journals by external reference and the balances their booked lines
 * add up to, exact in BigDecimal. Not thread-safe: its verticle touches it on its own context only.
 */
final class ErpBook {

  /** One balance: item, location, lot (null sorts first) and unit. */
  record BalanceKey(String item, String location, String lot, String unit) implements Comparable<BalanceKey> {

    private static final Comparator<BalanceKey> ORDER = Comparator.comparing(BalanceKey::item)
      .thenComparing(BalanceKey::location)
      .thenComparing(BalanceKey::lot, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(BalanceKey::unit);

    @Override
    public int compareTo(BalanceKey other) {
      return ORDER.compare(this, other);
    }
  }

  /** The document the reference is held under, and whether it was there before this post. */
  record Accepted(ErpDocument document, boolean duplicate) {
  }

  private final Map<String, ErpDocument> documents = new HashMap<>();
  private final TreeMap<BalanceKey, BigDecimal> balances = new TreeMap<>();
  private long sequence;

  Accepted accept(ErpJournal journal, Instant now) {
    ErpDocument existing = documents.get(journal.externalReference());
    if (existing != null) {
      return new Accepted(existing, true);
    }
    ErpDocument document = new ErpDocument(String.format("ERP-%06d", ++sequence), journal, now, false);
    documents.put(journal.externalReference(), document);
    return new Accepted(document, false);
  }

  /** Adds the journal's lines to balances, once; a reference no longer held is ignored. */
  void book(String reference) {
    ErpDocument document = documents.get(reference);
    if (document == null || document.booked()) {
      return;
    }
    for (ErpLine line : document.journal().lines()) {
      balances.merge(new BalanceKey(line.item(), line.location(), line.lot(), line.unit()), line.quantity(),
        BigDecimal::add);
    }
    documents.put(reference, document.markBooked());
  }

  Optional<ErpDocument> find(String reference) {
    return Optional.ofNullable(documents.get(reference));
  }

  int size() {
    return documents.size();
  }

  /** A page (from 1) of balances in item, location, lot, unit order, optionally for one item and/or location. */
  JsonObject balancePage(String item, String location, int page, int pageSize) {
    JsonArray rows = new JsonArray();
    long skip = (long) (page - 1) * pageSize;
    long matched = 0;
    for (Map.Entry<BalanceKey, BigDecimal> entry : balances.entrySet()) {
      BalanceKey key = entry.getKey();
      if (item != null && !item.equals(key.item()) || location != null && !location.equals(key.location())) {
        continue;
      }
      matched++;
      if (matched > skip && rows.size() < pageSize) {
        rows.add(new JsonObject()
          .put("item", key.item())
          .put("location", key.location())
          .put("lot", key.lot())
          .put("unit", key.unit())
          .put("quantity", plain(entry.getValue())));
      }
    }
    JsonObject json = new JsonObject()
      .put("balances", rows)
      .put("page", page)
      .put("pageSize", pageSize)
      .put("total", matched);
    if (skip + rows.size() < matched) {
      json.put("nextPage", page + 1);
    }
    return json;
  }

  void clear() {
    documents.clear();
    balances.clear();
    sequence = 0;
  }

  private static String plain(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }
}
