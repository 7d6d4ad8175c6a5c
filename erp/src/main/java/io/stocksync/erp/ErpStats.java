package io.stocksync.erp;

import java.util.Map;

/**
 * What the reference ERP has seen, as of one moment. {@code received} counts every
 * {@code POST /api/v1/journals} that reached it; each then ends as exactly one of {@code posted}
 * (a new document), {@code duplicates} (reference already held), {@code invalid} (400) or
 * {@code faulted} (answered by an injected fault, not applied).
 *
 * @param byReference per external reference, how many posts were applied or recognised as
 *     duplicates: 1 means the ERP saw that reference once
 */
public record ErpStats(long received, long posted, long duplicates, long invalid, long faulted,
                       Map<String, Integer> byReference) {

  public ErpStats {
    byReference = Map.copyOf(byReference);
  }

  /** How many times a post of {@code reference} got through to the journal, 0 when never. */
  public int timesSeen(String reference) {
    return byReference.getOrDefault(reference, 0);
  }
}
