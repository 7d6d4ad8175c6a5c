package io.stocksync.gateway;

import io.stocksync.contracts.connect.BrokerConfig;
import io.stocksync.contracts.connect.DatabaseConfig;
import io.stocksync.contracts.topology.Topology;
import io.stocksync.gateway.auth.JwtConfig;
import java.time.Duration;
import java.util.Objects;

/** What the gateway role needs, validated once at startup. */
public record GatewayConfig(
  String host,
  int port,
  long maxBodyBytes,
  long maxBatchBodyBytes,
  int maxBatchItems,
  Duration requestTimeout,
  Duration confirmTimeout,
  int maxUnconfirmed,
  Duration idempotencyTtl,
  JwtConfig jwt,
  DatabaseConfig database,
  BrokerConfig broker,
  Topology topology) {

  public static final long DEFAULT_MAX_BODY_BYTES = 65_536;
  public static final long DEFAULT_MAX_BATCH_BODY_BYTES = 4L * 1024 * 1024;
  public static final int DEFAULT_MAX_BATCH_ITEMS = 1_000;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_UNCONFIRMED = 1_000;
  public static final Duration DEFAULT_IDEMPOTENCY_TTL = Duration.ofHours(24);

  public GatewayConfig {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(topology, "topology");
    host = host == null || host.isBlank() ? "0.0.0.0" : host;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be between 0 and 65535, was " + port);
    }
    if (maxBodyBytes < 1_024 || maxBodyBytes > 64L * 1024 * 1024) {
      throw new IllegalArgumentException("http.max-body-bytes must be between 1024 and 67108864, was " + maxBodyBytes);
    }
    if (maxBatchBodyBytes < maxBodyBytes || maxBatchBodyBytes > 256L * 1024 * 1024) {
      throw new IllegalArgumentException("batch.max-body-bytes must be between http.max-body-bytes and 268435456, was "
        + maxBatchBodyBytes);
    }
    if (maxBatchItems < 1 || maxBatchItems > 100_000) {
      throw new IllegalArgumentException("batch.max-items must be between 1 and 100000, was " + maxBatchItems);
    }
    if (requestTimeout == null || requestTimeout.toMillis() < 1_000 || requestTimeout.toMillis() > 600_000) {
      throw new IllegalArgumentException("http.request-timeout-ms must be between 1000 and 600000");
    }
    if (confirmTimeout == null || confirmTimeout.isNegative() || confirmTimeout.isZero()) {
      throw new IllegalArgumentException("broker.confirm-timeout-ms must be positive");
    }
    if (idempotencyTtl == null || idempotencyTtl.toSeconds() < 60 || idempotencyTtl.toSeconds() > 2_592_000) {
      throw new IllegalArgumentException("idempotency.ttl-seconds must be between 60 and 2592000 (30 days)");
    }
    if (maxUnconfirmed < 1 || maxUnconfirmed > 100_000) {
      throw new IllegalArgumentException("broker.max-unconfirmed must be between 1 and 100000, was " + maxUnconfirmed);
    }
  }
}
