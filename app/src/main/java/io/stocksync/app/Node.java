package io.stocksync.app;

import io.stocksync.contracts.event.EventContract;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.gateway.GatewayConfig;
import io.stocksync.gateway.GatewayVerticle;
import io.stocksync.gateway.LaneRouting;
import io.stocksync.gateway.limit.ClientRateLimiter;
import io.stocksync.workers.LaneConsumerVerticle;
import io.stocksync.workers.RedriveVerticle;
import io.stocksync.workers.erp.ErpMetrics;
import io.stocksync.workers.erp.ErpPosterVerticle;
import io.stocksync.workers.erp.OutboxBacklogVerticle;
import io.stocksync.contracts.units.UnitCatalog;
import io.stocksync.erp.ReferenceErpConfig;
import io.stocksync.erp.ReferenceErpVerticle;
import io.stocksync.erp.RestErpConnector;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.workers.WorkerCounters;
import io.stocksync.workers.WorkersConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stocksync.gateway.GatewayMetrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stocksync process: a Vert.x instance with the gateway and/or the workers deployed. Closing
 * it stops the gateway first (no new events accepted), then lets the workers finish and ack what
 * they hold.
 */
public final class Node implements AutoCloseable {

  /** How soon a quarantined event is applied after its mapping appears, and a requested replay runs. */
  static final java.time.Duration REDRIVE_INTERVAL = java.time.Duration.ofSeconds(2);
  static final java.time.Duration BACKLOG_INTERVAL = java.time.Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final WorkerCounters counters;
  private final ErpMetrics erpMetrics;
  private final GatewayMetrics gatewayMetrics;
  private final List<String> gatewayDeployments = new ArrayList<>();
  private final List<String> workerDeployments = new ArrayList<>();
  private final ClientRateLimiter limiter = new ClientRateLimiter();

  private Node(Vertx vertx, PrometheusMeterRegistry registry) {
    // read the unit catalog here, on the starting thread, not in a verticle's start() on an event loop
    UnitCatalog.load();
    this.vertx = vertx;
    this.registry = registry;
    this.counters = new WorkerCounters(registry);
    this.erpMetrics = new ErpMetrics(registry);
    this.gatewayMetrics = new GatewayMetrics(registry);
  }

  /** A node whose Vert.x records HTTP, pool and JVM metrics into one Prometheus registry. */
  public static Node create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(true)
      .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE);
    Vertx vertx = Vertx.builder()
      .with(new VertxOptions().setMetricsOptions(metrics))
      .withMetrics(new MicrometerMetricsFactory(registry))
      .build();
    return new Node(vertx, registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** For the workers role, which has no gateway: health and metrics on their own port. */
  public Node deployMonitoring(String host, int port) {
    workerDeployments.add(await(vertx.deployVerticle(new MonitoringVerticle(host, port, registry, counters)),
      "monitoring endpoint"));
    return this;
  }

  public Vertx vertx() {
    return vertx;
  }

  public WorkerCounters counters() {
    return counters;
  }

  public Node deployWorkers(WorkersConfig config) {
    List<Future<String>> deployments = new ArrayList<>();
    for (Lane lane : Lane.values()) {
      // each consumer its own verticle, hence its own event loop, connection, channel and prefetch
      for (int index = 1; index <= config.concurrency().get(lane); index++) {
        deployments.add(vertx.deployVerticle(new LaneConsumerVerticle(config, lane, index, counters)));
      }
    }
    deployments.add(vertx.deployVerticle(new RedriveVerticle(config.database(),
      REDRIVE_INTERVAL, counters, config.masterData())));
    for (Future<String> deployment : deployments) {
      workerDeployments.add(await(deployment, "workers"));
    }
    return this;
  }

  /** The in-memory reference ERP on a free port of 127.0.0.1 ({@code dev}); answers its base URL. */
  public String deployReferenceErp() {
    ReferenceErpVerticle erp = new ReferenceErpVerticle(ReferenceErpConfig.local());
    workerDeployments.add(await(vertx.deployVerticle(erp), "reference ERP"));
    return erp.baseUrl();
  }

  /**
   * The ERP outbox poster, when a connector is configured; without one, postings wait in the
   * outbox. The backlog gauges are measured either way.
   */
  public Node deployErpPoster(DatabaseConfig database, ErpSettings erp) {
    workerDeployments.add(await(vertx.deployVerticle(new OutboxBacklogVerticle(database, BACKLOG_INTERVAL,
      erpMetrics)), "ERP backlog gauge"));
    if (erp.enabled()) {
      workerDeployments.add(await(vertx.deployVerticle(new ErpPosterVerticle(database, erp.poster(),
        v -> RestErpConnector.create(v, erp.rest()), erpMetrics)), "ERP poster"));
    }
    return this;
  }

  public Node deployGateway(GatewayConfig config, int instances) {
    return deployGateway(config, instances, LaneRouting.defaults());
  }

  public Node deployGateway(GatewayConfig config, int instances, LaneRouting routing) {
    EventContract contract = EventContract.load();
    Future<String> deployment = vertx.deployVerticle(() -> new GatewayVerticle(config, contract, routing, limiter, gatewayMetrics),
      new DeploymentOptions().setInstances(instances));
    gatewayDeployments.add(await(deployment, "gateway"));
    return this;
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the " + what + " did not start within 60 s; is the broker reachable?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the " + what, e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("could not start the " + what + ": " + cause, cause);
    }
  }

  private void undeploy(List<String> deployments, String what) {
    for (String id : deployments) {
      try {
        await(vertx.undeploy(id), what + " shutdown");
      } catch (RuntimeException e) {
        LOG.warn("{} did not stop cleanly: {}", what, e.getMessage());
      }
    }
    deployments.clear();
  }

  @Override
  public void close() {
    undeploy(gatewayDeployments, "gateway");
    undeploy(workerDeployments, "workers");
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("vert.x did not close cleanly: {}", e.toString());
    }
  }
}
