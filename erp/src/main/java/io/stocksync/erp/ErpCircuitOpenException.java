package io.stocksync.erp;

import java.time.Duration;

/** The connector's circuit breaker is open: the call was not sent, to let the ERP recover. */
public final class ErpCircuitOpenException extends ErpTransientException {

  public ErpCircuitOpenException(String connector, Duration openFor) {
    super("circuit breaker of ERP connector " + connector + " is open; calls are refused for up to " + openFor,
      0, null, null);
  }
}
