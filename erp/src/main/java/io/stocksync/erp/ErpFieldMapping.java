package io.stocksync.erp;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the canonical journal reads in the target ERP's JSON: the name of each field in the request
 * and of the document id in the answer. The defaults are the reference ERP's own names. A blank
 * {@code lot} or {@code movementType} means the ERP has no such field and it is not sent.
 *
 * @param duplicateHeader response header whose value {@code true} marks an answer to a reference
 *     the ERP already had
 * @param quantityAsString send the quantity as a decimal string (exact) rather than a JSON number
 */
public record ErpFieldMapping(String reference, String lines, String item, String location, String lot,
                             String unit, String quantity, String movementType, String documentId,
                             String duplicateHeader, boolean quantityAsString) {

  public static final ErpFieldMapping REFERENCE_ERP = new ErpFieldMapping("externalReference", "lines", "item",
    "location", "lot", "unit", "quantity", "movementType", "documentId", "X-Duplicate", true);

  public ErpFieldMapping {
    ConfigChecks.text("erp.fields.reference", reference);
    ConfigChecks.text("erp.fields.lines", lines);
    ConfigChecks.text("erp.fields.item", item);
    ConfigChecks.text("erp.fields.location", location);
    ConfigChecks.text("erp.fields.unit", unit);
    ConfigChecks.text("erp.fields.quantity", quantity);
    ConfigChecks.text("erp.fields.document-id", documentId);
    ConfigChecks.text("erp.fields.duplicate-header", duplicateHeader);
    lot = lot == null || lot.isBlank() ? null : lot;
    movementType = movementType == null || movementType.isBlank() ? null : movementType;
    Set<String> lineFields = new HashSet<>();
    for (String field : List.of(item, location, unit, quantity)) {
      requireUnique(lineFields, field);
    }
    if (lot != null) {
      requireUnique(lineFields, lot);
    }
    if (movementType != null) {
      requireUnique(lineFields, movementType);
    }
    if (reference.equals(lines)) {
      throw new IllegalArgumentException("erp.fields.reference and erp.fields.lines must differ, both were '" + lines + "'");
    }
  }

  private static void requireUnique(Set<String> seen, String field) {
    if (!seen.add(field)) {
      throw new IllegalArgumentException("erp.fields: two line fields are both mapped to '" + field + "'");
    }
  }
}
