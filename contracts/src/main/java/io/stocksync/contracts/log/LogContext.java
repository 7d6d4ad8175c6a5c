package io.stocksync.contracts.log;

import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;

/**
 * What log lines written for one request or one event carry: its transaction id and client.
 * Vert.x runs many requests on one event-loop thread, so a thread-local MDC would mix them up;
 * the values live instead in the local data of the duplicated context Vert.x gives each HTTP
 * request, which follows the request's callbacks. The logging pattern reads them back
 * ({@code %txn} in logback.xml).
 *
 * <p>The one place that uses Vert.x internals ({@link ContextInternal}) for this.
 */
public final class LogContext {

  public static final String TRANSACTION = "txn";
  public static final String CLIENT = "client";
  private static final String PREFIX = "stocksync.log.";

  private LogContext() {
  }

  /** Records a value for the current request or event; outside one (a shared context) it is ignored. */
  public static void put(String key, String value) {
    ContextInternal context = ContextInternal.current();
    if (context != null && context.isDuplicate() && value != null) {
      context.localContextData().put(PREFIX + key, value);
    }
  }

  /** The value recorded for the current request or event, or null. */
  public static String get(String key) {
    ContextInternal context = ContextInternal.current();
    if (context == null || !context.isDuplicate()) {
      return null;
    }
    return context.localContextData().get(PREFIX + key) instanceof String value ? value : null;
  }

  /**
   * Handles {@code value} right away on a fresh duplicate of the current context, so what the
   * handler records stays with it and its callbacks (a consumed message, like an HTTP request).
   */
  public static <T> void isolated(T value, Handler<T> handler) {
    ContextInternal context = ContextInternal.current();
    if (context == null) {
      handler.handle(value);
      return;
    }
    context.duplicate().emit(value, handler);
  }
}
