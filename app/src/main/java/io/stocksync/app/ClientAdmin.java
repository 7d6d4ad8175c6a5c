package io.stocksync.app;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.ClientRepository;
import io.stocksync.gateway.auth.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Client and key management from the command line (and the dev role's demo client): the same
 * repository the admin API uses, driven from a plain thread that may wait.
 */
final class ClientAdmin implements AutoCloseable {

  static final String DEMO_CLIENT = "demo";

  private final Vertx vertx = Vertx.vertx();
  private final Pool pool;
  private final ClientRepository clients;

  ClientAdmin(DatabaseConfig db) {
    this.pool = Connections.pgPool(vertx, db, "stocksync-admin");
    this.clients = new ClientRepository(pool);
  }

  ClientRepository clients() {
    return clients;
  }

  /** The demo client of the dev role: every scope, no restrictions; its one key is the given or a new one. */
  String provisionDemo(String apiKey) {
    ApiClient demo = new ApiClient(DEMO_CLIENT, "Demo client of the dev role", ClientClass.WMS,
      EnumSet.allOf(Scope.class), Set.of(), Set.of(), null, null, false);
    return await(clients.provision(demo, apiKey)).apiKey();
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
