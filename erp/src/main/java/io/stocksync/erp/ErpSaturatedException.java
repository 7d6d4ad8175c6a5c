package io.stocksync.erp;

/**
 * The connector's own limits refused the call before it was sent: all concurrent slots were
 * busy (bulkhead) or the rate limit would have made it wait longer than allowed.
 */
public final class ErpSaturatedException extends ErpTransientException {

  public ErpSaturatedException(String message) {
    super(message, 0, null, null);
  }
}
