package io.stocksync.app;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.topology.Topology;
import io.stocksync.embedded.TestServices;
import io.stocksync.gateway.GatewayConfig;
import io.stocksync.workers.SchemaMigrator;
import io.stocksync.workers.WorkersConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A stocksync node for one test class against the test services (the machine's real PostgreSQL
 * and RabbitMQ when configured, embedded ones otherwise), isolated by its own database and its
 * own topology namespace, which is deleted again on close.
 */
final class TestStack implements AutoCloseable {

  final DatabaseConfig db;
  final BrokerConfig broker;
  final Topology topology;
  final Node node;
  final int port;
  final LedgerQueries ledger;
  final String apiKey;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private TestStack(DatabaseConfig db, BrokerConfig broker, Topology topology, Node node, int port) {
    this.db = db;
    this.broker = broker;
    this.topology = topology;
    this.node = node;
    this.port = port;
    this.ledger = new LedgerQueries(db);
    try (ClientAdmin admin = new ClientAdmin(db)) {
      // every scope and a limit no test reaches by accident; throttling tests make their own clients
      this.apiKey = admin.await(admin.clients().provision(new io.stocksync.gateway.auth.ApiClient("tests", "tests",
        io.stocksync.gateway.auth.ClientClass.WMS, java.util.EnumSet.allOf(io.stocksync.gateway.auth.Scope.class),
        java.util.Set.of(), java.util.Set.of(), 100_000, 100_000, false), null)).apiKey();
    }
  }

  /** Creates a client with the given restrictions and returns its key. */
  String createClient(io.stocksync.gateway.auth.ApiClient client) {
    try (ClientAdmin admin = new ClientAdmin(db)) {
      admin.await(admin.clients().create(client));
      return admin.await(admin.clients().issueKey(client.id(), null)).apiKey();
    }
  }

  static TestStack start(boolean gateway, boolean workers) {
    return start(gateway, workers, TestServices.broker());
  }

  static TestStack start(boolean gateway, boolean workers, BrokerConfig broker) {
    return start(gateway, workers, broker, true);
  }

  static TestStack start(boolean gateway, boolean workers, BrokerConfig broker, boolean awaitReady) {
    return start(gateway, workers, broker, awaitReady, GatewayConfig.DEFAULT_REQUEST_TIMEOUT);
  }

  static TestStack start(boolean gateway, boolean workers, BrokerConfig broker, boolean awaitReady,
      Duration requestTimeout) {
    return start(gateway, workers, broker, awaitReady, requestTimeout, Map.of());
  }

  static TestStack start(boolean gateway, boolean workers, BrokerConfig broker, boolean awaitReady,
      Duration requestTimeout, Map<io.stocksync.contracts.topology.Lane, Long> laneLengths) {
    DatabaseConfig db = TestServices.freshDatabase();
    SchemaMigrator.migrate(db);
    Topology topology = new Topology("t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), laneLengths,
      laneType);
    int port = freePort();
    Node node = Node.create();
    try {
      if (workers) {
        node.deployWorkers(new WorkersConfig(db, broker, topology, Map.of(), masterData));
      }
      if (gateway) {
        node.deployGateway(gatewayConfig(db, broker, topology, port, requestTimeout), 2, routing);
      }
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    TestStack stack = new TestStack(db, broker, topology, node, port);
    if (gateway && awaitReady) {
      stack.awaitReady();
    }
    return stack;
  }

  static GatewayConfig gatewayConfig(DatabaseConfig db, BrokerConfig broker, Topology topology, int port) {
    return gatewayConfig(db, broker, topology, port, GatewayConfig.DEFAULT_REQUEST_TIMEOUT);
  }

  /** Set by tests of quorum lanes before they start a stack. */
  static Topology.QueueType laneType = Topology.QueueType.CLASSIC;

  /** Set by tests that hold a publish in flight on purpose before they start a stack. */
  static Duration confirmTimeout = Duration.ofSeconds(3);

  /** Set by tests of routing rules before they start a stack. */
  static io.stocksync.gateway.LaneRouting routing = io.stocksync.gateway.LaneRouting.defaults();

  /** Set by tests of location and stock policies before they start a stack. */
  static io.stocksync.workers.MasterDataPolicy masterData = io.stocksync.workers.MasterDataPolicy.DEFAULT;

  /** Set by tests of JWT bearer tokens before they start a stack. */
  static io.stocksync.gateway.auth.JwtConfig jwt;

  static GatewayConfig gatewayConfig(DatabaseConfig db, BrokerConfig broker, Topology topology, int port,
      Duration requestTimeout) {
    return new GatewayConfig("127.0.0.1", port, GatewayConfig.DEFAULT_MAX_BODY_BYTES,
      GatewayConfig.DEFAULT_MAX_BATCH_BODY_BYTES, 100, requestTimeout,
      confirmTimeout, 1_000,
      GatewayConfig.DEFAULT_IDEMPOTENCY_TTL, jwt,
      db, broker, topology);
  }

  /** Deploys the lane consumers into the running node, e.g. after messages were queued without them. */
  void startWorkers() {
    node.deployWorkers(new WorkersConfig(db, broker, topology, Map.of(), masterData));
  }

  void awaitReady() {
    try {
      Readiness.await(url("/health/ready"), 30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  HttpResponse<String> post(String path, String contentType, String body) {
    return post(path, contentType, body, apiKey);
  }

  HttpResponse<String> post(String path, String contentType, String body, String key) {
    return send(HttpRequest.newBuilder(URI.create(url(path)))
      .header("Authorization", "Bearer " + key)
      .header("Content-Type", contentType)
      .POST(HttpRequest.BodyPublishers.ofString(body))
      .build());
  }

  HttpResponse<String> postEvent(String body) {
    return post("/v1/events", "application/json", body);
  }

  HttpResponse<String> postEvent(String body, String key) {
    return post("/v1/events", "application/json", body, key);
  }

  HttpResponse<String> put(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(url(path)))
      .header("Authorization", "Bearer " + apiKey)
      .header("Content-Type", "application/json")
      .PUT(HttpRequest.BodyPublishers.ofString(body))
      .build());
  }

  HttpResponse<String> get(String path) {
    return get(path, apiKey);
  }

  HttpResponse<String> get(String path, String key) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    node.close();
    BrokerTestAdmin.deleteTopology(broker, topology);
  }
}
