package io.stocksync.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stocksync.workers.WorkerCounters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * Liveness, readiness and Prometheus metrics for a process that runs only the workers: ready when
 * every lane has a consumer registered with the broker.
 */
final class MonitoringVerticle extends VerticleBase {

  private final String host;
  private final int port;
  private final PrometheusMeterRegistry registry;
  private final WorkerCounters counters;

  MonitoringVerticle(String host, int port, PrometheusMeterRegistry registry, WorkerCounters counters) {
    this.host = host;
    this.port = port;
    this.registry = registry;
    this.counters = counters;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> {
      boolean ready = counters.allLanesConsuming();
      ctx.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", ready ? "UP" : "DOWN")
          .put("checks", new JsonObject().put("lanes", ready ? "UP" : "DOWN")).toBuffer());
    });
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    // HTTP/1.1 only, as the gateway: an h2c upgrade lost some answers under the metrics SPI
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
      .requestHandler(router).listen(port, host);
  }
}
