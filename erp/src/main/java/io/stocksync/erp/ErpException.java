package io.stocksync.erp;

/**
 * An expected failure of an ERP call. The subclass says what the caller may do next; these carry
 * no stack trace because they describe the ERP, not a bug.
 */
public abstract sealed class ErpException extends RuntimeException
  permits ErpTransientException, ErpRejectedException, ErpUnknownOutcomeException {

  ErpException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
