package io.stocksync.erp;

/**
 * The request left but no usable answer came back (timeout, connection lost mid-call): the ERP
 * may or may not have applied it. Resolve with {@link ErpConnector#find} before posting again.
 */
public final class ErpUnknownOutcomeException extends ErpException {

  private final String externalReference;

  public ErpUnknownOutcomeException(String externalReference, String message, Throwable cause) {
    super(message, cause);
    this.externalReference = externalReference;
  }

  public String externalReference() {
    return externalReference;
  }
}
