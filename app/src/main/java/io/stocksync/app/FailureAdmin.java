package io.stocksync.app;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.gateway.failures.FailureRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Failed events from the command line: the same repository the admin API uses, driven from a plain
 * thread that may wait.
 */
final class FailureAdmin implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final FailureRepository failures;

  FailureAdmin(DatabaseConfig db) {
    this.failures = new FailureRepository(Connections.pgPool(vertx, db, "stocksync-admin"));
  }

  FailureRepository failures() {
    return failures;
  }

  <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the database did not answer within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      // closing Vert.x closes the pool too
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing is best effort at the end of a command
    }
  }
}
