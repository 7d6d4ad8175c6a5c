package io.stocksync.erp;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test helpers: wait for a Future from the test thread, and journals to post. */
final class Awaits {

  private Awaits() {
  }

  static <T> T result(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success, failed with " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no result within 20 s", e);
    }
  }

  static Throwable failure(Future<?> future) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, succeeded with " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no result within 20 s", e);
    }
  }

  static ErpJournal journal(String reference) {
    return new ErpJournal(reference, List.of(line("SKU-1", "DC-1", null, "12.5")));
  }

  static ErpLine line(String item, String location, String lot, String quantity) {
    return new ErpLine(item, location, lot, "EA", new BigDecimal(quantity), "receipt");
  }
}
