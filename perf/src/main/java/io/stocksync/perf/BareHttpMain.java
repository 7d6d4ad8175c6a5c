package io.stocksync.perf;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.UUID;

/**
 * The HTTP ceiling of a box: a bare Vert.x server, the same Vert.x as the gateway and the same
 * server options (HTTP/1.1 only, one instance per core), that reads each POST body and answers
 * {@code 202} with a small JSON body, doing nothing else. perf/side-by-side.sh drives it with the
 * same Gatling simulation as the gateway, so the gateway's rate becomes a ratio against it.
 *
 * <p>Arguments: port [instances, default the available cores]. {@code GET /health/ready} answers
 * {@code 200} once every instance listens.
 */
public final class BareHttpMain {

  private BareHttpMain() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new BareHttpVerticle(port), new DeploymentOptions().setInstances(instances))
      .toCompletionStage().toCompletableFuture().get();
    System.out.printf("bare Vert.x HTTP server on 127.0.0.1:%d, %d instances%n", port, instances);
  }

  /** One event loop's server: reads the body, answers 202 with a transaction id, as the gateway's answer looks. */
  static final class BareHttpVerticle extends VerticleBase {
    private final int port;
    private HttpServer server;

    BareHttpVerticle(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(this::handle)
        .listen(port, "127.0.0.1")
        .onSuccess(s -> server = s);
    }

    private void handle(HttpServerRequest request) {
      if (request.method() == HttpMethod.GET) {
        request.response().end("{\"status\":\"UP\"}");
        return;
      }
      request.body().onSuccess(body -> request.response()
        .setStatusCode(202)
        .putHeader("Content-Type", "application/json")
        .end("{\"status\":\"accepted\",\"transactionId\":\"" + UUID.randomUUID() + "\"}"));
    }

    @Override
    public Future<?> stop() {
      return server == null ? Future.succeededFuture() : server.close();
    }
  }
}
