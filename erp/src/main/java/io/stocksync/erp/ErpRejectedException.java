package io.stocksync.erp;

/** The ERP refused the request itself (a 4xx other than 408 and 429): retrying cannot help. */
public final class ErpRejectedException extends ErpException {

  private final int status;

  public ErpRejectedException(int status, String message) {
    super(message, null);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
