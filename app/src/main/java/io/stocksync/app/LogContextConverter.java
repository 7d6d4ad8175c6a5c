package io.stocksync.app;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.stocksync.contracts.log.LogContext;

/**
 * {@code %txn} in the logging pattern: {@code " txn=<id> client=<id>"} for a line written while
 * handling a request or applying an event, nothing otherwise. Reads the Vert.x context of the
 * logging thread, so it needs a synchronous appender (the console appender is one).
 */
public final class LogContextConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    String transaction = LogContext.get(LogContext.TRANSACTION);
    String client = LogContext.get(LogContext.CLIENT);
    if (transaction == null && client == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    if (transaction != null) {
      text.append(" txn=").append(transaction);
    }
    if (client != null) {
      text.append(" client=").append(client);
    }
    return text.toString();
  }
}
