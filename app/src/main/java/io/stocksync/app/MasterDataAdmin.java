package io.stocksync.app;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.units.UnitCatalog;
import io.stocksync.gateway.masterdata.ItemRepository;
import io.stocksync.gateway.masterdata.LocationRepository;
import io.stocksync.gateway.masterdata.MasterDataRepository;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * Master data from the command line: the repositories the admin API uses, driven from a plain
 * thread that may wait. Workers re-drive quarantined events from what these write, as from the API.
 */
final class MasterDataAdmin implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final ClientAdminWaits waits = new ClientAdminWaits();
  final MasterDataRepository mappings;
  final ItemRepository items;
  final LocationRepository locations;

  MasterDataAdmin(DatabaseConfig db) {
    Pool pool = Connections.pgPool(vertx, db, "stocksync-admin");
    this.mappings = new MasterDataRepository(pool);
    this.items = new ItemRepository(pool, UnitCatalog.load());
    this.locations = new LocationRepository(pool);
  }

  <T> T await(io.vertx.core.Future<T> future) {
    return waits.await(future);
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing is best effort at the end of a command
    }
  }

  /** Waiting for a future from a plain thread, at most 30 s, with the cause of a failure. */
  static final class ClientAdminWaits {
    <T> T await(io.vertx.core.Future<T> future) {
      try {
        return future.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("the database did not answer within 30 s", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
