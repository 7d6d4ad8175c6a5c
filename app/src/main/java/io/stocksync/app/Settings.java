package io.stocksync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configuration values by dotted key, read once: a YAML file, then environment variables
 * ({@code STOCKSYNC_HTTP_PORT} for {@code http.port}), then system properties
 * ({@code -Dstocksync.http.port}); later sources win. Every value remembers where it came from so
 * that an error can name the key and the place to fix it.
 */
public final class Settings {

  /** Every key stocksync reads; docs/configuration.md describes each one. */
  public static final Set<String> KEYS = withRoutingKeys(Set.of(
    "http.host", "http.port", "http.max-body-bytes", "http.request-timeout-ms",
    "batch.max-body-bytes", "batch.max-items",
    "gateway.instances", "idempotency.ttl-seconds", "monitoring.port",
    "db.host", "db.port", "db.name", "db.user", "db.password", "db.pool-size",
    "broker.host", "broker.port", "broker.user", "broker.password", "broker.vhost", "broker.dialect",
    "broker.namespace", "lanes.queue-type", "lanes.critical.max-length", "lanes.standard.max-length", "lanes.bulk.max-length", "broker.confirm-timeout-ms", "broker.max-unconfirmed",
    "workers.prefetch.critical", "workers.prefetch.standard", "workers.prefetch.bulk",
    "workers.concurrency.critical", "workers.concurrency.standard", "workers.concurrency.bulk", "workers.max-deliveries",
    "masterdata.locations.required", "ledger.negative-on-hand.default", "ledger.negative-on-hand.sources",
    "auth.jwt.issuer", "auth.jwt.audience", "auth.jwt.public-key-file", "auth.jwt.jwks-file", "auth.jwt.client-claim",
    "auth.jwt.leeway-seconds", "auth.jwt.jwks-url", "auth.jwt.jwks-refresh-seconds", "auth.jwt.jwks-min-refetch-seconds",
    "erp.connector", "erp.base-url", "erp.post-path", "erp.lookup-path", "erp.request-timeout-ms",
    "erp.connect-timeout-ms", "erp.api-key-header", "erp.api-key", "erp.fields.reference", "erp.fields.lines",
    "erp.fields.item", "erp.fields.location", "erp.fields.lot", "erp.fields.unit", "erp.fields.quantity",
    "erp.fields.movement-type", "erp.fields.document-id", "erp.fields.duplicate-header",
    "erp.fields.quantity-as-string", "erp.retry.max-attempts", "erp.retry.initial-backoff-ms",
    "erp.retry.max-backoff-ms", "erp.breaker.failure-rate-percent", "erp.breaker.open-ms",
    "erp.bulkhead.max-concurrent", "erp.rate-limit.per-second", "erp.poll-interval-ms", "erp.batch-size",
    "erp.first-retry-ms",
    "routing.rules", "dev.data-dir"));

  /** Keys whose value in the config file is a YAML list (in the environment, a text form of it). */
  static final Set<String> LIST_KEYS = Set.of("routing.rules");

  /** Adds {@code routing.<type>} for every event type, so that a new type cannot be left unroutable. */
  private static Set<String> withRoutingKeys(Set<String> keys) {
    Set<String> all = new java.util.HashSet<>(keys);
    for (io.stocksync.contracts.event.EventType type : io.stocksync.contracts.event.EventType.values()) {
      all.add("routing." + type.wireName());
    }
    return Set.copyOf(all);
  }

  private record Value(String value, String origin) {
  }

  private final Map<String, Value> values;

  private Settings(Map<String, Value> values) {
    this.values = values;
  }

  public static Settings load(Path file, Map<String, String> env, Map<Object, Object> properties) {
    Map<String, Value> values = new LinkedHashMap<>();
    if (file != null) {
      readYaml(file, values);
    }
    for (String key : KEYS) {
      String envName = envName(key);
      String fromEnv = env.get(envName);
      if (fromEnv != null && !fromEnv.isEmpty()) {
        values.put(key, new Value(fromEnv, "environment variable " + envName));
      }
      Object fromProperty = properties.get("stocksync." + key);
      if (fromProperty != null) {
        values.put(key, new Value(fromProperty.toString(), "system property stocksync." + key));
      }
    }
    return new Settings(values);
  }

  public static Settings of(Map<String, String> values) {
    Map<String, Value> map = new LinkedHashMap<>();
    values.forEach((k, v) -> map.put(k, new Value(v, "setting " + k)));
    return new Settings(map);
  }

  public static String envName(String key) {
    return "STOCKSYNC_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public Settings with(String key, String value, String origin) {
    Map<String, Value> copy = new LinkedHashMap<>(values);
    copy.put(key, new Value(value, origin));
    return new Settings(copy);
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public String string(String key, String fallback) {
    Value value = values.get(key);
    return value == null ? fallback : value.value();
  }

  public String required(String key) {
    Value value = values.get(key);
    if (value == null || value.value().isBlank()) {
      throw new ConfigException(key + " is required: set it in the config file or as " + envName(key));
    }
    return value.value();
  }

  public int integer(String key, int fallback) {
    Value value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.value().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number, was '" + value.value() + "' (from " + value.origin() + ")");
    }
  }

  private static void readYaml(Path file, Map<String, Value> values) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("config file " + file + " does not exist or cannot be read");
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw new ConfigException("config file " + file + " must hold a mapping of keys, e.g. 'db: {host: ...}'");
    }
    Set<String> unknown = new TreeSet<>();
    flatten("", root, file, values, unknown);
    if (!unknown.isEmpty()) {
      throw new ConfigException("config file " + file + " has unknown key(s) " + unknown
        + "; known keys are listed in docs/configuration.md");
    }
  }

  private static void flatten(String prefix, JsonNode node, Path file, Map<String, Value> values, Set<String> unknown) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(key, value, file, values, unknown);
      } else if (value.isArray() && LIST_KEYS.contains(key)) {
        // kept as JSON text; the key's reader parses the list
        values.put(key, new Value(value.toString(), "config file " + file + " key " + key));
      } else if (!KEYS.contains(key)) {
        unknown.add(key);
      } else if (!value.isNull()) {
        values.put(key, new Value(value.asText(), "config file " + file + " key " + key));
      }
    }
  }
}
