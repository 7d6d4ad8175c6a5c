package io.stocksync.gateway;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.event.EventContract;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge. Each instance owns its broker channel (publisher) and shares the process-wide
 * database pool; deploy one instance per core.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

  private final GatewayConfig config;
  private final EventContract contract;
  private final LaneRouting routing;

  private Pool pool;
  private LanePublisher publisher;
  private HttpServer server;

  public GatewayVerticle(GatewayConfig config, EventContract contract, LaneRouting routing) {
    this.config = config;
    this.contract = contract;
    this.routing = routing;
  }

  @Override
  public Future<?> start() {
    pool = Connections.pgPool(vertx, config.database(), "stocksync-gateway");
    publisher = new LanePublisher(vertx, config.broker(), config.topology(), config.confirmTimeout(),
      config.maxUnconfirmed());
    // the broker may come later: the gateway answers 503 until it does, and /health/ready says so
    publisher.start();
    return vertx.createHttpServer()
      .requestHandler(router())
      .listen(config.port(), config.host())
      .onSuccess(s -> {
        server = s;
        LOG.info("gateway listening on {}:{}", config.host(), s.actualPort());
      });
  }

  /** The port actually bound, useful when configured with 0. */
  public int actualPort() {
    return server.actualPort();
  }

  Router router() {
    Router router = Router.router(vertx);
    EventsHandler events = new EventsHandler(contract, routing, publisher);
    BalancesHandler balances = new BalancesHandler(pool);

    router.post("/v1/events")
      .consumes("application/json")
      .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
      .handler(events::accept);
    router.get("/v1/balances").handler(balances::list);
    router.get("/v1/transactions/:id").handler(new TransactionsHandler(pool)::show);
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    router.route().failureHandler(ProblemRenderer::handle);
    router.errorHandler(404, ProblemRenderer::handle);
    router.errorHandler(405, ProblemRenderer::handle);
    router.errorHandler(413, ProblemRenderer::handle);
    router.errorHandler(415, ProblemRenderer::handle);
    router.errorHandler(500, ProblemRenderer::handle);
    return router;
  }

  private void ready(RoutingContext ctx) {
    boolean broker = publisher.isReady();
    pool.query("SELECT 1").execute()
      .map(rows -> true)
      .otherwise(false)
      .onSuccess(database -> {
        boolean up = broker && database;
        ctx.response()
          .setStatusCode(up ? 200 : 503)
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject()
            .put("status", up ? "UP" : "DOWN")
            .put("checks", new JsonObject()
              .put("database", database ? "UP" : "DOWN")
              .put("broker", broker ? "UP" : "DOWN"))
            .toBuffer());
      });
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed
      .compose(v -> publisher.stop().recover(e -> Future.succeededFuture()))
      .compose(v -> pool.close());
  }

}
