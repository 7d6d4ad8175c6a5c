package io.stocksync.erp;

import java.time.Duration;
import java.util.Optional;

/**
 * The ERP could not take the call now (5xx, 408, 429, connection refused), or the connector
 * refused it locally. Nothing was applied; posting again later is safe.
 */
public non-sealed class ErpTransientException extends ErpException {

  private final int status;
  private final Duration retryAfter;

  public ErpTransientException(String message, int status, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status the ERP answered, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** When the ERP said when to come back (Retry-After). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
