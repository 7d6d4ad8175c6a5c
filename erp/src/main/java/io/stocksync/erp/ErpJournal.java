package io.stocksync.erp;

import java.util.List;

/**
 * A journal stocksync posts to the ERP. The external reference is the ERP-side idempotency key
 * (stocksync uses the movement id): posting the same reference twice must book it once.
 */
public record ErpJournal(String externalReference, List<ErpLine> lines) {

  public static final int MAX_REFERENCE_LENGTH = 128;

  public ErpJournal {
    ErpLine.requireText(externalReference, "externalReference");
    if (externalReference.length() > MAX_REFERENCE_LENGTH) {
      throw new IllegalArgumentException("externalReference must be at most " + MAX_REFERENCE_LENGTH + " characters");
    }
    if (lines == null || lines.isEmpty()) {
      throw new IllegalArgumentException("lines must not be empty");
    }
    lines = List.copyOf(lines);
  }
}
