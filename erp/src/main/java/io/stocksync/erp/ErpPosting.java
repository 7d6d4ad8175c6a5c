package io.stocksync.erp;

/**
 * The ERP holds the journal under {@code documentId}. {@code duplicate} is true when the ERP
 * already had the reference and answered with the earlier document: for the caller that is
 * posted all the same.
 */
public record ErpPosting(String externalReference, String documentId, boolean duplicate) {

  public ErpPosting {
    ErpLine.requireText(externalReference, "externalReference");
    ErpLine.requireText(documentId, "documentId");
  }
}
