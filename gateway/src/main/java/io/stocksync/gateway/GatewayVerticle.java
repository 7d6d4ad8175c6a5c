package io.stocksync.gateway;

import io.stocksync.contracts.connect.Connections;
import io.stocksync.contracts.event.EventContract;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stocksync.contracts.topology.Lane;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.stocksync.gateway.auth.AuthenticationHandler;
import io.stocksync.gateway.idempotency.IdempotencyStore;
import io.stocksync.gateway.auth.ClientRepository;
import io.stocksync.gateway.auth.JwtAuthenticator;
import io.stocksync.gateway.auth.Scope;
import io.stocksync.gateway.limit.ClientRateLimiter;
import io.stocksync.gateway.limit.RateLimitHandler;
import io.stocksync.gateway.failures.FailureRepository;
import io.stocksync.contracts.units.UnitCatalog;
import io.stocksync.gateway.masterdata.ItemRepository;
import io.stocksync.gateway.masterdata.LocationRepository;
import io.stocksync.gateway.masterdata.MasterDataRepository;
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
  private final ClientRateLimiter limiter;
  private final GatewayMetrics metrics;

  private Pool pool;
  private LanePublisher publisher;
  private HttpServer server;
  private TransactionJournal journal;
  private io.vertx.core.buffer.Buffer openApi;
  private JwtAuthenticator jwt;

  /** The OpenAPI 3.1 document of this API, a classpath resource of the contracts module. */
  static final String OPENAPI_RESOURCE = "openapi/stocksync-v1.yaml";
  private long purgeTimer = -1;
  private long depthTimer = -1;

  /** The limiter is shared by every instance of the process, so a client's rate is per process. */
  public GatewayVerticle(GatewayConfig config, EventContract contract, LaneRouting routing, ClientRateLimiter limiter,
      GatewayMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.contract = contract;
    this.routing = routing;
    this.limiter = limiter;
  }

  @Override
  public Future<?> start() {
    pool = Connections.pgPool(vertx, config.database(), "stocksync-gateway");
    publisher = new LanePublisher(vertx, config.broker(), config.topology(), config.confirmTimeout(),
      config.maxUnconfirmed(), metrics);
    depthTimer = vertx.setPeriodic(2_000, id -> measureLaneDepths());
    journal = new TransactionJournal(vertx, pool);
    journal.start();
    // Vert.x resolves the path on the classpath, asynchronously: no blocking read on the event loop
    Future<io.vertx.core.buffer.Buffer> document = vertx.fileSystem().readFile(OPENAPI_RESOURCE)
      .onSuccess(buffer -> openApi = buffer)
      .recover(e -> {
        LOG.warn("the OpenAPI document {} is missing: {}", OPENAPI_RESOURCE, e.toString());
        return Future.succeededFuture();
      });
    // the broker may come later: the gateway answers 503 until it does, and /health/ready says so
    publisher.start();
    // with a JWKS URL, the first fetch is tried before listening (a failure only logs: tokens wait for a later fetch)
    jwt = config.jwt() == null ? null : new JwtAuthenticator(vertx, config.jwt());
    Future<Void> keys = jwt == null ? Future.succeededFuture() : jwt.start();
    // a connection that sends nothing for this long (a stalled client) is closed
    // HTTP/1.1 only: a client's h2c upgrade (java.net.http asks for one by default) lost some answers
    // under the metrics SPI, and nothing here needs cleartext HTTP/2
    return Future.all(document, keys).compose(loaded -> vertx.createHttpServer(new HttpServerOptions()
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout((int) Math.max(60, config.requestTimeout().toSeconds() * 2))
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS))
      .requestHandler(router())
      .listen(config.port(), config.host()))
      .onSuccess(s -> {
        server = s;
        LOG.info("gateway listening on {}:{}", config.host(), s.actualPort());
      });
  }

  /** The body handler admits batch-sized bodies; one event must stay within its own, smaller limit. */
  private void singleEventSize(RoutingContext ctx) {
    if (ctx.body().length() > config.maxBodyBytes()) {
      ctx.fail(new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "one event may be at most " + config.maxBodyBytes()
        + " bytes (http.max-body-bytes); send many events to /v1/events:batch"));
      return;
    }
    ctx.next();
  }

  private void measureLaneDepths() {
    publisher.heal();
    for (Lane lane : Lane.values()) {
      publisher.depth(lane).onSuccess(depth -> metrics.laneDepth(lane, depth));
    }
  }

  /** The port actually bound, useful when configured with 0. */
  public int actualPort() {
    return server.actualPort();
  }

  Router router() {
    Router router = Router.router(vertx);
    router.route().handler(EventsHandler::stamp);
    ClientRepository clients = new ClientRepository(pool);
    IdempotencyStore idempotency = new IdempotencyStore(pool, config.idempotencyTtl(), config.requestTimeout());
    EventsHandler events = new EventsHandler(contract, routing, publisher, idempotency, journal);
    // every instance purges expired keys now and then; the statement is cheap and bounded
    purgeTimer = vertx.setPeriodic(600_000, id -> idempotency.purgeExpired()
      .compose(n -> journal.purgeExpired())
      .onFailure(e -> LOG.debug("purge of expired keys and lineage skipped: {}", e.toString())));
    BalancesHandler balances = new BalancesHandler(pool);
    AdminClientsHandler admin = new AdminClientsHandler(vertx, clients);
    MasterDataRepository masterData = new MasterDataRepository(pool);
    AdminMappingsHandler mappings = new AdminMappingsHandler(masterData);
    AdminQuarantineHandler quarantine = new AdminQuarantineHandler(masterData);
    FailureRepository failureRepository = new FailureRepository(pool);
    AdminFailedEventsHandler failedEvents = new AdminFailedEventsHandler(failureRepository);
    AdminErpPostingsHandler erpPostings = new AdminErpPostingsHandler(failureRepository);
    AdminItemsHandler items = new AdminItemsHandler(new ItemRepository(pool, UnitCatalog.load()));
    AdminLocationsHandler locations = new AdminLocationsHandler(new LocationRepository(pool));

    RateLimitHandler rateLimit = new RateLimitHandler(limiter, metrics);
    // every API request: bounded body, then who is calling, then whether it may call now
    router.route("/v1/*")
      .handler(TimeoutHandler.create(config.requestTimeout().toMillis(), 408))
      .handler(BodyHandler.create(false).setBodyLimit(config.maxBatchBodyBytes()))
      .handler(new AuthenticationHandler(vertx, clients, jwt))
      .handler(rateLimit);
    router.post("/v1/events")
      .consumes("application/json")
      .handler(AuthenticationHandler.require(Scope.EVENTS_WRITE))
      .handler(this::singleEventSize)
      .handler(events::accept);
    router.postWithRegex("/v1/events:batch")
      .consumes("application/json")
      .consumes(BatchHandler.NDJSON)
      .handler(AuthenticationHandler.require(Scope.EVENTS_WRITE))
      .handler(new BatchHandler(contract, routing, publisher, limiter, rateLimit, config.maxBatchItems(), journal)::accept);
    router.get("/v1/balances").handler(AuthenticationHandler.require(Scope.INVENTORY_READ)).handler(balances::list);
    router.get("/v1/transactions/:id").handler(AuthenticationHandler.require(Scope.INVENTORY_READ))
      .handler(new TransactionsHandler(pool)::show);
    router.route("/v1/admin/*").handler(AuthenticationHandler.require(Scope.ADMIN));
    router.get("/v1/admin/lanes")
      .handler(new AdminLanesHandler(config.topology(), routing, publisher, metrics)::list);
    router.get("/v1/admin/clients").handler(admin::list);
    router.post("/v1/admin/clients").consumes("application/json").handler(admin::create);
    router.get("/v1/admin/clients/:id").handler(admin::show);
    router.patch("/v1/admin/clients/:id").consumes("application/json").consumes("application/merge-patch+json")
      .handler(admin::update);
    router.post("/v1/admin/clients/:id/disable").handler(admin::disable);
    router.post("/v1/admin/clients/:id/enable").handler(admin::enable);
    router.post("/v1/admin/clients/:id/keys").handler(admin::issueKey);
    router.delete("/v1/admin/clients/:id/keys/:keyId").handler(admin::revokeKey);
    router.get(AdminMappingsHandler.PATH).handler(mappings::list);
    router.post(AdminMappingsHandler.PATH).consumes("application/json").handler(mappings::create);
    // a regex route, since a colon in a plain path would start a path parameter
    router.postWithRegex("/v1/admin/item-mappings:import").handler(mappings::importCsv);
    router.get(AdminItemsHandler.PATH).handler(items::list);
    router.postWithRegex("/v1/admin/items:import").handler(items::importCsv);
    router.get(AdminItemsHandler.PATH + "/:sku").handler(items::show);
    router.put(AdminItemsHandler.PATH + "/:sku").consumes("application/json").handler(items::put);
    router.post(AdminItemsHandler.PATH + "/:sku/pack-sizes").consumes("application/json").handler(items::addPack);
    router.get(AdminLocationsHandler.LOCATIONS).handler(locations::listLocations);
    router.put(AdminLocationsHandler.LOCATIONS + "/:code").consumes("application/json").handler(locations::putLocation);
    router.get(AdminLocationsHandler.MAPPINGS).handler(locations::listMappings);
    router.post(AdminLocationsHandler.MAPPINGS).consumes("application/json").handler(locations::createMapping);
    router.postWithRegex("/v1/admin/location-mappings:import").handler(locations::importMappings);
    router.get("/v1/admin/quarantine").handler(quarantine::list);
    router.get("/v1/admin/quarantine/:transactionId").handler(quarantine::show);
    router.get(AdminFailedEventsHandler.PATH).handler(failedEvents::list);
    router.postWithRegex("/v1/admin/failed-events:replay").consumes("application/json")
      .handler(failedEvents::replayMatching);
    router.get(AdminFailedEventsHandler.PATH + "/:id").handler(failedEvents::show);
    router.postWithRegex("/v1/admin/failed-events/(?<id>[^/:]+):replay").handler(failedEvents::replay);
    router.get(AdminErpPostingsHandler.PATH).handler(erpPostings::list);
    router.postWithRegex("/v1/admin/erp-postings/(?<transactionId>[^/:]+):retry").handler(erpPostings::retry);
    router.get("/openapi.yaml").handler(ctx -> {
      if (openApi == null) {
        ctx.fail(404);
        return;
      }
      ctx.response().putHeader("Content-Type", "application/yaml").end(openApi);
    });
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    if (metrics.registry() instanceof PrometheusMeterRegistry prometheus) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    }
    Handler<RoutingContext> problems = ProblemRenderer.handler(metrics);
    router.route().failureHandler(problems);
    for (int status : new int[] {404, 405, 408, 413, 415, 500}) {
      router.errorHandler(status, problems);
    }
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
    vertx.cancelTimer(purgeTimer);
    vertx.cancelTimer(depthTimer);
    if (jwt != null) {
      jwt.stop();
    }
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed
      .compose(v -> journal.stop())
      .compose(v -> publisher.stop().recover(e -> Future.succeededFuture()))
      .compose(v -> pool.close());
  }

}
