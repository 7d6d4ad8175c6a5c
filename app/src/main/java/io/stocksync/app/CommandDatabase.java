package io.stocksync.app;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The database of a command-line command: its own Vert.x and pool, driven from a plain thread that
 * may wait for the repositories the admin API uses. Closing it closes both.
 */
abstract class CommandDatabase implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final Pool pool;

  CommandDatabase(DatabaseConfig db) {
    this.pool = Connections.pgPool(vertx, db, "stocksync-admin");
  }

  final Pool pool() {
    return pool;
  }

  /** Waits at most 30 s for the future; a failure is thrown with its own cause. */
  final <T> T await(Future<T> future) {
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
  public final void close() {
    try {
      // closing Vert.x closes the pool too
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing is best effort at the end of a command
    }
  }
}
