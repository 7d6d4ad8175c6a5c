package io.stocksync.app;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.BrokerDialect;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.topology.Topology;
import io.stocksync.contracts.event.EventType;
import io.stocksync.gateway.GatewayConfig;
import io.stocksync.gateway.LaneRouting;
import io.stocksync.gateway.RoutingRule;
import io.stocksync.workers.MasterDataPolicy;
import io.stocksync.workers.NegativeOnHandPolicy;
import io.stocksync.workers.WorkersConfig;
import io.stocksync.gateway.auth.JwtConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** Turns settings into the validated config record of each role; every error names its key. */
public final class RoleConfigs {

  public static final int DEFAULT_HTTP_PORT = 8080;

  private RoleConfigs() {
  }

  public static DatabaseConfig database(Settings s) {
    return named(() -> new DatabaseConfig(
      s.required("db.host"),
      s.integer("db.port", 5432),
      s.required("db.name"),
      s.required("db.user"),
      s.string("db.password", ""),
      s.integer("db.pool-size", 16)));
  }

  public static BrokerConfig broker(Settings s) {
    return named(() -> new BrokerConfig(
      s.required("broker.host"),
      s.integer("broker.port", 5672),
      s.required("broker.user"),
      s.string("broker.password", ""),
      s.string("broker.vhost", "/"),
      BrokerDialect.parse(s.string("broker.dialect", "rabbitmq"))));
  }

  public static Topology topology(Settings s) {
    Map<Lane, Long> lengths = new EnumMap<>(Lane.class);
    for (Lane lane : Lane.values()) {
      String key = "lanes." + lane.id() + ".max-length";
      if (s.has(key)) {
        lengths.put(lane, (long) s.integer(key, 1));
      }
    }
    return named(() -> {
      Topology topology = new Topology(s.string("broker.namespace", "stocksync"), lengths,
        Topology.QueueType.parse(s.string("lanes.queue-type", "classic")));
      // fail at startup, not at the first declaration, when the broker cannot have quorum lanes
      topology.laneArguments(Lane.CRITICAL, BrokerDialect.parse(s.string("broker.dialect", "rabbitmq")));
      return topology;
    });
  }

  public static GatewayConfig gateway(Settings s, DatabaseConfig db, BrokerConfig broker) {
    return named(() -> new GatewayConfig(
      s.string("http.host", "0.0.0.0"),
      s.integer("http.port", DEFAULT_HTTP_PORT),
      s.integer("http.max-body-bytes", (int) GatewayConfig.DEFAULT_MAX_BODY_BYTES),
      s.integer("batch.max-body-bytes", (int) GatewayConfig.DEFAULT_MAX_BATCH_BODY_BYTES),
      s.integer("batch.max-items", GatewayConfig.DEFAULT_MAX_BATCH_ITEMS),
      Duration.ofMillis(s.integer("http.request-timeout-ms", (int) GatewayConfig.DEFAULT_REQUEST_TIMEOUT.toMillis())),
      Duration.ofMillis(s.integer("broker.confirm-timeout-ms", (int) GatewayConfig.DEFAULT_CONFIRM_TIMEOUT.toMillis())),
      s.integer("broker.max-unconfirmed", GatewayConfig.DEFAULT_MAX_UNCONFIRMED),
      Duration.ofSeconds(s.integer("idempotency.ttl-seconds", (int) GatewayConfig.DEFAULT_IDEMPOTENCY_TTL.toSeconds())),
      jwt(s),
      db,
      broker,
      topology(s)));
  }

  /** JWT bearer tokens are on when an issuer is configured; key files are read once, here, at startup. */
  static JwtConfig jwt(Settings s) {
    if (!s.has("auth.jwt.issuer")) {
      return null;
    }
    List<String> pems = new ArrayList<>();
    List<JsonObject> jwks = new ArrayList<>();
    if (s.has("auth.jwt.public-key-file")) {
      pems.add(readFile(s.string("auth.jwt.public-key-file", null), "auth.jwt.public-key-file"));
    }
    if (s.has("auth.jwt.jwks-file")) {
      String text = readFile(s.string("auth.jwt.jwks-file", null), "auth.jwt.jwks-file");
      try {
        new JsonObject(text).getJsonArray("keys").forEach(key -> jwks.add((JsonObject) key));
      } catch (RuntimeException e) {
        throw new ConfigException("auth.jwt.jwks-file must hold a JSON Web Key Set ({\"keys\": [...]}): " + e.getMessage());
      }
    }
    java.net.URI jwksUrl = null;
    if (s.has("auth.jwt.jwks-url")) {
      try {
        jwksUrl = new java.net.URI(s.string("auth.jwt.jwks-url", null));
      } catch (java.net.URISyntaxException e) {
        throw new ConfigException("auth.jwt.jwks-url is not a URL: " + e.getMessage());
      }
    }
    java.net.URI url = jwksUrl;
    return named(() -> new JwtConfig(s.string("auth.jwt.issuer", null), s.string("auth.jwt.audience", null), pems, jwks,
      s.string("auth.jwt.client-claim", "client_id"), s.integer("auth.jwt.leeway-seconds", 30), url,
      Duration.ofSeconds(s.integer("auth.jwt.jwks-refresh-seconds", (int) JwtConfig.DEFAULT_JWKS_REFRESH.toSeconds())),
      Duration.ofSeconds(s.integer("auth.jwt.jwks-min-refetch-seconds",
        (int) JwtConfig.DEFAULT_JWKS_MIN_REFETCH.toSeconds()))));
  }

  private static String readFile(String path, String key) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(key + " cannot be read: " + path + " (" + e.getMessage() + ")");
    }
  }

  public static LaneRouting routing(Settings s) {
    Map<EventType, String> overrides = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      String key = "routing." + type.wireName();
      if (s.has(key)) {
        overrides.put(type, s.string(key, null));
      }
    }
    return named(() -> LaneRouting.withOverrides(overrides)
      .withRules(RoutingRule.parseAll(s.string("routing.rules", null))));
  }

  public static int gatewayInstances(Settings s) {
    int instances = s.integer("gateway.instances", Runtime.getRuntime().availableProcessors());
    if (instances < 1 || instances > 64) {
      throw new ConfigException("gateway.instances must be between 1 and 64, was " + instances);
    }
    return instances;
  }

  public static WorkersConfig workers(Settings s, DatabaseConfig db, BrokerConfig broker) {
    Map<Lane, Integer> prefetch = perLane(s, "workers.prefetch.");
    Map<Lane, Integer> concurrency = perLane(s, "workers.concurrency.");
    int maxDeliveries = s.integer("workers.max-deliveries", WorkersConfig.DEFAULT_MAX_DELIVERIES);
    MasterDataPolicy masterData = masterData(s);
    return named(() -> new WorkersConfig(db, broker, topology(s), prefetch, concurrency, maxDeliveries, masterData));
  }

  /** The lanes for which {@code prefix<lane>} is set; the others keep their defaults. */
  private static Map<Lane, Integer> perLane(Settings s, String prefix) {
    Map<Lane, Integer> values = new EnumMap<>(Lane.class);
    for (Lane lane : Lane.values()) {
      String key = prefix + lane.id();
      if (s.has(key)) {
        values.put(lane, s.integer(key, 0));
      }
    }
    return values;
  }

  /** {@code masterdata.locations.required} and {@code ledger.negative-on-hand.*}. */
  public static MasterDataPolicy masterData(Settings s) {
    String required = s.string("masterdata.locations.required", "false").trim();
    if (!required.equals("true") && !required.equals("false")) {
      throw new ConfigException("masterdata.locations.required must be true or false, was '" + required + "'");
    }
    return named(() -> new MasterDataPolicy(Boolean.parseBoolean(required),
      NegativeOnHandPolicy.parse(s.string("ledger.negative-on-hand.default", null),
        s.string("ledger.negative-on-hand.sources", null))));
  }

  /** The ERP connector and outbox poster; {@code reference} is dev's embedded reference ERP, else null. */
  public static ErpSettings erp(Settings s, String reference) {
    return named(() -> ErpSettings.from(s, reference));
  }

  /** Validation in the records throws IllegalArgumentException naming the key; surface it as config. */
  private static <T> T named(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
