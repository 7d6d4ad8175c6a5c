package io.stocksync.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.jni.NativeLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lints and renders the chart in helm/stocksync offline, through helm-java's embedded Helm 3, and
 * checks what a cluster would receive.
 */
class HelmChartTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String RELEASE = "inv";

  /**
   * helm-java's template answers the release manifest only, without hooks (the migrate Job and its
   * Secret). This template, added to a copy of the chart, renders the hook template again with
   * {@code helm.sh/hook*} annotations renamed, so they land in the manifest with their values kept.
   */
  private static final String HOOKS_AS_MANIFEST = """
    {{- include (print $.Template.BasePath "/migrate-job.yaml") . | replace "helm.sh/hook" "test.stocksync.io/hook" }}
    """;

  private static Path chart;
  private static Path rendered;

  private static String platform;

  @BeforeAll
  static void prepareChart(@TempDir Path dir) throws IOException {
    platform = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    // Without a native library for this platform helm-java would download one at run time;
    // the build stays offline and every test says why the chart was not checked.
    if (NativeLibrary.serviceProviderLibrary(null) == null) {
      System.err.println("HelmChartTest skipped: no helm-java native library on the test classpath for " + platform
        + " (helm-java ships them for Linux amd64 and arm64, macOS and Windows amd64)");
      return;
    }
    chart = Paths.get(System.getProperty("stocksync.helm.chart", "stocksync")).toAbsolutePath();
    rendered = copyChart(dir);
    Files.writeString(rendered.resolve("templates/zz-hooks-as-manifest.yaml"), HOOKS_AS_MANIFEST);
  }

  @BeforeEach
  void nativeHelm() {
    assumeTrue(chart != null, "no helm-java native library for " + platform);
  }

  @Test
  void lints_strictly_with_the_required_values(@TempDir Path dir) throws IOException {
    // helm lint reads the chart's own values.yaml, where db.host and broker.host are empty on
    // purpose: lint a copy with them set, as `helm lint --set db.host=… --set broker.host=…` would.
    Path copy = copyChart(dir);
    ObjectNode values = (ObjectNode) YAML.readTree(copy.resolve("values.yaml").toFile());
    ((ObjectNode) values.get("db")).put("host", "postgres.db.svc");
    ((ObjectNode) values.get("broker")).put("host", "rabbitmq.mq.svc");
    YAML.writeValue(copy.resolve("values.yaml").toFile(), values);

    LintResult result = new Helm(copy).lint().strict().call();

    assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void renders_gateway_workers_and_migration_by_default() {
    List<JsonNode> docs = render(t -> t);

    assertThat(kinds(docs)).containsExactlyInAnyOrder(
      "ServiceAccount", "Secret", "ConfigMap", "Service/inv-stocksync-gateway", "Service/inv-stocksync-workers",
      "Deployment/inv-stocksync-gateway", "Deployment/inv-stocksync-workers", "Job/inv-stocksync-migrate",
      "Secret/inv-stocksync-migrate");

    JsonNode gateway = container(find(docs, "Deployment", "inv-stocksync-gateway"));
    assertThat(gateway.get("command").toString()).isEqualTo("[\"java\",\"-jar\",\"/app/stocksync.jar\"]");
    assertThat(gateway.get("args").toString()).isEqualTo("[\"gateway\"]");
    assertThat(gateway.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(gateway.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
    assertThat(gateway.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
    assertThat(gateway.at("/lifecycle/preStop/exec/command").toString()).isEqualTo("[\"sleep\",\"5\"]");

    JsonNode workers = container(find(docs, "Deployment", "inv-stocksync-workers"));
    assertThat(workers.get("args").toString()).isEqualTo("[\"workers\"]");
    assertThat(workers.at("/ports/0/containerPort").asInt()).isEqualTo(9090);
    assertThat(workers.at("/readinessProbe/httpGet/port").asText()).isEqualTo("monitoring");
    assertThat(env(workers)).containsEntry("STOCKSYNC_MONITORING_PORT", "9090");

    for (String name : List.of("inv-stocksync-gateway", "inv-stocksync-workers")) {
      JsonNode deployment = find(docs, "Deployment", name);
      JsonNode pod = deployment.at("/spec/template/spec");
      assertThat(pod.get("terminationGracePeriodSeconds").asInt()).isGreaterThan(10);
      assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
      JsonNode c = container(deployment);
      assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
      assertThat(c.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
      assertThat(mountPaths(c)).contains("/tmp", "/etc/stocksync");
      assertThat(env(c)).containsEntry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError");
      assertThat(c.at("/resources/limits/memory").asText()).isNotEmpty();
      assertThat(deployment.at("/spec/template/metadata/annotations/checksum~1config").asText()).hasSize(64);
    }
  }

  @Test
  void carries_connection_values_as_stocksync_environment_and_the_rest_as_its_config_file() throws IOException {
    List<JsonNode> docs = render(t -> t
      .set("db.port", 6432).set("db.name", "ledger").set("db.user", "ledger_app")
      .set("broker.vhost", "inventory").set("broker.namespace", "acme")
      .set("config.lanes.queue-type", "quorum").set("config.workers.prefetch.bulk", 200));

    Map<String, String> env = env(container(find(docs, "Deployment", "inv-stocksync-gateway")));
    assertThat(env)
      .containsEntry("STOCKSYNC_DB_HOST", "postgres.db.svc")
      .containsEntry("STOCKSYNC_DB_PORT", "6432")
      .containsEntry("STOCKSYNC_DB_NAME", "ledger")
      .containsEntry("STOCKSYNC_DB_USER", "ledger_app")
      .containsEntry("STOCKSYNC_BROKER_HOST", "rabbitmq.mq.svc")
      .containsEntry("STOCKSYNC_BROKER_VHOST", "inventory")
      .containsEntry("STOCKSYNC_BROKER_NAMESPACE", "acme")
      .containsEntry("STOCKSYNC_HTTP_PORT", "8080")
      .containsEntry("STOCKSYNC_CONFIG", "/etc/stocksync/stocksync.yaml");

    JsonNode gateway = container(find(docs, "Deployment", "inv-stocksync-gateway"));
    assertThat(secretRef(gateway, "STOCKSYNC_DB_PASSWORD")).isEqualTo("inv-stocksync/db-password");
    assertThat(secretRef(gateway, "STOCKSYNC_BROKER_PASSWORD")).isEqualTo("inv-stocksync/broker-password");
    Map<String, String> secret = secretData(find(docs, "Secret", "inv-stocksync"));
    assertThat(secret).containsEntry("db-password", "db-secret").containsEntry("broker-password", "mq-secret");

    JsonNode file = YAML.readTree(find(docs, "ConfigMap", "inv-stocksync").at("/data/stocksync.yaml").asText());
    assertThat(file.at("/lanes/queue-type").asText()).isEqualTo("quorum");
    assertThat(file.at("/workers/prefetch/bulk").asInt()).isEqualTo(200);
    assertThat(file.has("db")).as("connection keys travel as environment variables only").isFalse();
  }

  @Test
  void refuses_a_connection_key_in_config_that_the_values_set() {
    assertThatThrownBy(() -> render(t -> t.set("config.db.host", "elsewhere")))
      .hasMessageContaining("config.db.host: set db.host in the chart's values");
    assertThatThrownBy(() -> render(t -> t.set("config.broker.password", "x")))
      .hasMessageContaining("broker.existingSecret or broker.password");
  }

  @Test
  void existing_secrets_replace_the_generated_one_and_are_referenced() {
    List<JsonNode> docs = render(t -> t
      .set("db.existingSecret", "pg-credentials").set("db.existingSecretPasswordKey", "password")
      .set("broker.existingSecret", "mq-credentials").set("broker.existingSecretPasswordKey", "rabbitmq-password"));

    assertThat(kinds(docs)).noneMatch(k -> k.startsWith("Secret"));
    for (String name : List.of("inv-stocksync-gateway", "inv-stocksync-workers")) {
      JsonNode c = container(find(docs, "Deployment", name));
      assertThat(secretRef(c, "STOCKSYNC_DB_PASSWORD")).isEqualTo("pg-credentials/password");
      assertThat(secretRef(c, "STOCKSYNC_BROKER_PASSWORD")).isEqualTo("mq-credentials/rabbitmq-password");
    }
    JsonNode migrate = find(docs, "Job", "inv-stocksync-migrate").at("/spec/template/spec/containers/0");
    assertThat(secretRef(migrate, "STOCKSYNC_DB_PASSWORD")).isEqualTo("pg-credentials/password");
    assertThat(docs.toString()).doesNotContain(b64("db-secret")).doesNotContain(b64("mq-secret"));
  }

  @Test
  void migrates_in_a_pre_install_and_pre_upgrade_hook_unless_disabled() {
    List<JsonNode> docs = render(t -> t);
    JsonNode job = find(docs, "Job", "inv-stocksync-migrate");
    assertThat(job.at("/metadata/annotations/test.stocksync.io~1hook").asText()).isEqualTo("pre-install,pre-upgrade");
    JsonNode migrate = job.at("/spec/template/spec/containers/0");
    assertThat(migrate.get("args").toString()).isEqualTo("[\"migrate\"]");
    assertThat(env(migrate)).containsEntry("STOCKSYNC_DB_HOST", "postgres.db.svc").doesNotContainKey("STOCKSYNC_BROKER_HOST");
    // the release's Secret is created after pre-install hooks: the Job reads a hook copy created before it
    assertThat(secretRef(migrate, "STOCKSYNC_DB_PASSWORD")).isEqualTo("inv-stocksync-migrate/db-password");
    JsonNode hookSecret = find(docs, "Secret", "inv-stocksync-migrate");
    assertThat(hookSecret.at("/metadata/annotations/test.stocksync.io~1hook").asText()).isEqualTo("pre-install,pre-upgrade");
    assertThat(hookSecret.at("/metadata/annotations/test.stocksync.io~1hook-weight").asInt())
      .isLessThan(job.at("/metadata/annotations/test.stocksync.io~1hook-weight").asInt());
    assertThat(job.at("/spec/template/spec/serviceAccountName").isMissingNode())
      .as("the chart's ServiceAccount does not exist yet when a pre-install hook runs").isTrue();

    List<JsonNode> without = render(t -> t.set("migrate.enabled", false));
    assertThat(kinds(without)).noneMatch(k -> k.contains("migrate"));
  }

  @Test
  void keda_scales_workers_on_the_three_lanes_of_the_broker_namespace() {
    List<JsonNode> docs = render(t -> t
      .set("broker.namespace", "acme").set("broker.user", "mq user").set("broker.vhost", "/")
      .set("workers.autoscaling.keda.enabled", true).set("workers.autoscaling.keda.maxReplicaCount", 6)
      .set("workers.autoscaling.keda.queueLength.bulk", 20000));

    JsonNode scaled = find(docs, "ScaledObject", "inv-stocksync-workers");
    assertThat(scaled.at("/spec/scaleTargetRef/name").asText()).isEqualTo("inv-stocksync-workers");
    assertThat(scaled.at("/spec/maxReplicaCount").asInt()).isEqualTo(6);
    List<JsonNode> triggers = list(scaled.at("/spec/triggers"));
    assertThat(triggers).allSatisfy(t -> {
      assertThat(t.get("type").asText()).isEqualTo("rabbitmq");
      assertThat(t.at("/metadata/mode").asText()).isEqualTo("QueueLength");
      assertThat(t.at("/authenticationRef/name").asText()).isEqualTo("inv-stocksync-workers");
    });
    assertThat(triggers).extracting(t -> t.at("/metadata/queueName").asText())
      .containsExactly("acme.lane.critical", "acme.lane.standard", "acme.lane.bulk");
    assertThat(triggers).extracting(t -> t.at("/metadata/value").asText()).containsExactly("100", "1000", "20000");

    JsonNode auth = find(docs, "TriggerAuthentication", "inv-stocksync-workers");
    assertThat(auth.at("/spec/secretTargetRef/0/parameter").asText()).isEqualTo("host");
    assertThat(secretData(find(docs, "Secret", "inv-stocksync")))
      .containsEntry("keda-amqp-url", "amqp://mq+user:mq-secret@rabbitmq.mq.svc:5672/%2F");
    assertThat(find(docs, "Deployment", "inv-stocksync-workers").at("/spec/replicas").isMissingNode())
      .as("KEDA owns the replica count").isTrue();

    assertThat(kinds(render(t -> t))).noneMatch(k -> k.startsWith("ScaledObject") || k.startsWith("TriggerAuthentication"));
    assertThatThrownBy(() -> render(t -> t.set("workers.autoscaling.keda.enabled", true).set("broker.existingSecret", "mq")))
      .hasMessageContaining("workers.autoscaling.keda.hostSecret.name is required with broker.existingSecret");
  }

  @Test
  void optional_gateway_hpa_pdbs_and_service_monitors() {
    List<JsonNode> docs = render(t -> t
      .set("gateway.autoscaling.enabled", true).set("gateway.pdb.create", true).set("workers.pdb.create", true)
      .set("metrics.serviceMonitor.enabled", true));

    JsonNode hpa = find(docs, "HorizontalPodAutoscaler", "inv-stocksync-gateway");
    assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
    assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(70);
    assertThat(find(docs, "Deployment", "inv-stocksync-gateway").at("/spec/replicas").isMissingNode()).isTrue();
    assertThat(find(docs, "PodDisruptionBudget", "inv-stocksync-gateway").at("/spec/minAvailable").asInt()).isEqualTo(1);
    assertThat(find(docs, "PodDisruptionBudget", "inv-stocksync-workers").at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText())
      .isEqualTo("workers");
    assertThat(find(docs, "ServiceMonitor", "inv-stocksync-gateway").at("/spec/endpoints/0/port").asText()).isEqualTo("http");
    assertThat(find(docs, "ServiceMonitor", "inv-stocksync-workers").at("/spec/endpoints/0/port").asText()).isEqualTo("monitoring");
  }

  @Test
  void schema_rejects_missing_hosts_and_bad_types() {
    assertThatThrownBy(() -> template().set("broker.host", "rabbitmq.mq.svc").call())
      .hasMessageContaining("values don't meet the specifications of the schema")
      .hasMessageContaining("db");
    assertThatThrownBy(() -> template().set("db.host", "postgres.db.svc").call())
      .hasMessageContaining("broker");
    assertThatThrownBy(() -> render(t -> t.set("db.port", "five")))
      .hasMessageContaining("port");
    assertThatThrownBy(() -> render(t -> t.set("broker.namespace", "Not_Valid")))
      .hasMessageContaining("namespace");
    assertThatThrownBy(() -> render(t -> t.set("workers.terminationGracePeriodSeconds", 5)))
      .hasMessageContaining("terminationGracePeriodSeconds");
  }

  private static TemplateCommand template() {
    return new Helm(rendered).template().withName(RELEASE).withNamespace("stock");
  }

  /** Renders with the required values (and passwords) set, plus whatever {@code values} adds. */
  private static List<JsonNode> render(UnaryOperator<TemplateCommand> values) {
    String out = values.apply(template()
      .set("db.host", "postgres.db.svc").set("broker.host", "rabbitmq.mq.svc")
      .set("db.password", "db-secret").set("broker.password", "mq-secret")).call();
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(out)) {
      List<JsonNode> docs = new ArrayList<>();
      YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
        if (d != null && !d.isNull() && !d.isMissingNode() && d.has("kind")) {
          docs.add(d);
        }
      });
      return docs;
    } catch (IOException e) {
      throw new AssertionError("rendered chart is not valid YAML:\n" + out, e);
    }
  }

  private static List<String> kinds(List<JsonNode> docs) {
    return docs.stream().map(d -> {
      String kind = d.get("kind").asText();
      String name = d.at("/metadata/name").asText();
      return kind.equals("Service") || kind.equals("Deployment") || kind.equals("Job")
        || name.endsWith("-migrate") ? kind + "/" + name : kind;
    }).collect(Collectors.toList());
  }

  private static JsonNode find(List<JsonNode> docs, String kind, String name) {
    Optional<JsonNode> found = docs.stream()
      .filter(d -> d.get("kind").asText().equals(kind) && d.at("/metadata/name").asText().equals(name))
      .findFirst();
    assertThat(found).as(kind + " " + name + " in " + kinds(docs)).isPresent();
    return found.get();
  }

  private static JsonNode container(JsonNode workload) {
    return workload.at("/spec/template/spec/containers/0");
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).collect(Collectors.toList());
  }

  private static Map<String, String> env(JsonNode container) {
    return list(container.get("env")).stream().filter(e -> e.has("value"))
      .collect(Collectors.toMap(e -> e.get("name").asText(), e -> e.get("value").asText()));
  }

  private static String secretRef(JsonNode container, String name) {
    JsonNode ref = list(container.get("env")).stream().filter(e -> e.get("name").asText().equals(name))
      .findFirst().orElseThrow(() -> new AssertionError(name + " not set")).at("/valueFrom/secretKeyRef");
    return ref.get("name").asText() + "/" + ref.get("key").asText();
  }

  private static List<String> mountPaths(JsonNode container) {
    return list(container.get("volumeMounts")).stream().map(m -> m.get("mountPath").asText()).collect(Collectors.toList());
  }

  private static Map<String, String> secretData(JsonNode secret) {
    Map<String, String> data = new java.util.TreeMap<>();
    secret.get("data").fields().forEachRemaining(e ->
      data.put(e.getKey(), new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
    return data;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Path copyChart(Path dir) throws IOException {
    Path target = Files.createTempDirectory(dir, "chart").resolve("stocksync");
    try (Stream<Path> files = Files.walk(chart)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(chart.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(to);
        } else {
          Files.copy(source, to);
        }
      }
    }
    return target;
  }
}
