package io.stocksync.contracts.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stocksync.contracts.event.EventContract;
import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.event.InventoryEvent;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at {@code /openapi.yaml} against what the gateway really does: every
 * route documented, every event example accepted by the real contract, every problem type one the
 * gateway has. The gateway module cannot be a dependency here, so its facts are written down below;
 * a route, problem type or client member added there without documentation fails this test.
 */
class OpenApiDocumentTest {

  static final String RESOURCE = "/openapi/stocksync-v1.yaml";
  static final String PROBLEM_BASE = "https://stocksync.io/problems/";

  /** GatewayVerticle.router(), plus GET /openapi.yaml, which serves this document. */
  static final Set<String> GATEWAY_ROUTES = Set.of(
    "POST /v1/events",
    "POST /v1/events:batch",
    "GET /v1/balances",
    "GET /v1/transactions/{id}",
    "GET /v1/admin/clients",
    "POST /v1/admin/clients",
    "GET /v1/admin/clients/{id}",
    "PATCH /v1/admin/clients/{id}",
    "POST /v1/admin/clients/{id}/disable",
    "POST /v1/admin/clients/{id}/enable",
    "POST /v1/admin/clients/{id}/keys",
    "DELETE /v1/admin/clients/{id}/keys/{keyId}",
    "GET /v1/admin/lanes",
    "GET /v1/admin/item-mappings",
    "POST /v1/admin/item-mappings",
    "POST /v1/admin/item-mappings:import",
    "GET /v1/admin/items",
    "POST /v1/admin/items:import",
    "GET /v1/admin/items/{sku}",
    "PUT /v1/admin/items/{sku}",
    "POST /v1/admin/items/{sku}/pack-sizes",
    "GET /v1/admin/locations",
    "PUT /v1/admin/locations/{code}",
    "GET /v1/admin/location-mappings",
    "POST /v1/admin/location-mappings",
    "POST /v1/admin/location-mappings:import",
    "GET /v1/admin/quarantine",
    "GET /v1/admin/quarantine/{transactionId}",
    "GET /v1/admin/failed-events",
    "POST /v1/admin/failed-events:replay",
    "GET /v1/admin/failed-events/{id}",
    "POST /v1/admin/failed-events/{id}:replay",
    "GET /v1/admin/erp-postings",
    "POST /v1/admin/erp-postings/{transactionId}:retry",
    "GET /health/live",
    "GET /health/ready",
    "GET /metrics",
    "GET /openapi.yaml");

  /** The route guards of GatewayVerticle.router(): the scope each /v1 route requires. */
  static final Map<String, String> REQUIRED_SCOPES = Map.of(
    "/v1/events", "events:write",
    "/v1/events:batch", "events:write",
    "/v1/balances", "inventory:read",
    "/v1/transactions/{id}", "inventory:read",
    "/v1/admin/", "admin");

  /** ProblemType.java: slug, status and title of every problem the gateway answers with. */
  record ProblemType(int status, String title) {
  }

  static final Map<String, ProblemType> PROBLEM_TYPES = Map.ofEntries(
    Map.entry("malformed-json", new ProblemType(400, "Request body is not well-formed JSON")),
    Map.entry("invalid-idempotency-key", new ProblemType(400, "The Idempotency-Key header is invalid")),
    Map.entry("invalid-query", new ProblemType(400, "Query or path parameters are missing or invalid")),
    Map.entry("unauthorized", new ProblemType(401, "Missing or invalid credentials")),
    Map.entry("forbidden", new ProblemType(403, "The client may not do this")),
    Map.entry("not-found", new ProblemType(404, "No such resource")),
    Map.entry("transaction-not-found", new ProblemType(404, "No stage of this transaction is recorded yet")),
    Map.entry("method-not-allowed", new ProblemType(405, "Method not allowed on this resource")),
    Map.entry("payload-too-large", new ProblemType(413, "Request body is too large")),
    Map.entry("unsupported-media-type", new ProblemType(415, "Unsupported content type")),
    Map.entry("request-timeout", new ProblemType(408, "The request was not completed in time")),
    Map.entry("conflict", new ProblemType(409, "The request conflicts with the current state")),
    Map.entry("mapping-conflict", new ProblemType(409, "The code is already mapped to another SKU")),
    Map.entry("idempotency-request-in-flight",
      new ProblemType(409, "A request with this Idempotency-Key is in progress")),
    Map.entry("invalid-event", new ProblemType(422, "Event does not match the contract")),
    Map.entry("idempotency-key-reused", new ProblemType(422, "This Idempotency-Key was used for a different request")),
    Map.entry("invalid-request", new ProblemType(422, "Request body is invalid")),
    Map.entry("rate-limited", new ProblemType(429, "Too many requests from this client")),
    Map.entry("broker-unavailable", new ProblemType(503, "The event was not accepted; send it again later")),
    Map.entry("lane-full", new ProblemType(503, "The event's lane is full; send it again later")),
    Map.entry("database-unavailable", new ProblemType(503, "The ledger cannot be read right now")),
    Map.entry("internal", new ProblemType(500, "Internal error")));

  /** The members ClientJson.fromJson accepts; any other answers 422. */
  static final Set<String> CLIENT_MEMBERS = Set.of("id", "name", "class", "scopes", "eventTypes", "locations",
    "ratePerSecond", "burst", "shadowLimit");
  /** The members AdminMappingsHandler.create accepts, which are also the columns MappingCsv knows. */
  static final Set<String> MAPPING_MEMBERS = Set.of("sku", "gtin", "source", "partnerCode");
  static final Set<String> SCOPES = Set.of("events:write", "inventory:read", "reservations:write", "admin");
  static final Set<String> CLIENT_CLASSES = Set.of("scanner", "wms", "partner", "ecommerce");
  static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private static final Set<String> EVENT_POSTING = Set.of("/v1/events", "/v1/events:batch");

  private final String text = resource(RESOURCE);
  private final JsonNode document = readYaml(text);
  private final EventContract contract = EventContract.load();

  @Test
  void parses_as_openapi_3_1_without_any_message() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);

    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    assertThat(result.getOpenAPI().getJsonSchemaDialect()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void documents_exactly_the_routes_the_gateway_serves() {
    Set<String> documented = new TreeSet<>();
    forEachOperation((route, operation) -> documented.add(route));

    assertThat(documented).containsExactlyInAnyOrderElementsOf(GATEWAY_ROUTES);
  }

  @Test
  void every_v1_operation_names_its_scope_and_accepts_both_credentials() {
    forEachOperation((route, operation) -> {
      String path = route.substring(route.indexOf(' ') + 1);
      List<SecurityRequirement> security = operation.getSecurity();
      if (!path.startsWith("/v1/")) {
        assertThat(security).as(route + " needs no key").isEmpty();
        return;
      }
      String scope = REQUIRED_SCOPES.entrySet().stream()
        .filter(e -> e.getKey().endsWith("/") ? path.startsWith(e.getKey()) : path.equals(e.getKey()))
        .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no scope known for " + route));
      assertThat(operation.getExtensions()).as(route).containsEntry("x-required-scope", scope);
      assertThat(operation.getDescription().replaceAll("\\s+", " ")).as(route)
        .contains("Requires scope `" + scope + "`");
      assertThat(security).as(route).extracting(requirement -> requirement.keySet())
        .containsExactlyInAnyOrder(Set.of("bearerAuth"), Set.of("apiKeyHeader"));
      // every /v1 request passes the key check, the rate limit and the scope guard
      assertThat(operation.getResponses()).as(route).containsKeys("401", "403", "408", "429", "500", "503");
    });
  }

  @Test
  void every_request_body_has_an_example_for_each_media_type() {
    int bodies = 0;
    for (JsonNode body : requestBodies().values()) {
      for (var media : body.path("content").properties()) {
        assertThat(examplesOf(media.getValue())).as(media.getKey()).isNotEmpty();
        bodies++;
      }
    }
    assertThat(bodies).isEqualTo(15);
  }

  @Test
  void every_event_example_is_accepted_by_the_event_contract() {
    List<InventoryEvent> events = new ArrayList<>();
    requestBodies().forEach((route, body) -> {
      if (!EVENT_POSTING.contains(route.substring(route.indexOf(' ') + 1))) {
        return;
      }
      for (var media : body.path("content").properties()) {
        for (JsonNode example : examplesOf(media.getValue())) {
          for (byte[] event : eventsOf(media.getKey(), example)) {
            try {
              events.add(contract.read(event, UUID.randomUUID(), Instant.now()));
            } catch (RuntimeException e) {
              throw new AssertionError(route + " " + media.getKey() + " example breaks the contract: "
                + new String(event, StandardCharsets.UTF_8), e);
            }
          }
        }
      }
    });

    assertThat(events).hasSizeGreaterThanOrEqualTo(14);
    assertThat(events).extracting(InventoryEvent::type).contains(EventType.values());
    assertThat(events).filteredOn(e -> e.type() == EventType.ADJUSTMENT).extracting(InventoryEvent::reasonCode)
      .doesNotContainNull();
  }

  @Test
  void create_client_examples_use_only_members_the_admin_api_accepts() {
    JsonNode media = requestBodies().get("POST /v1/admin/clients").path("content").path("application/json");
    JsonNode schema = resolve(media.path("schema"));

    assertThat(fieldNames(schema.path("properties"))).containsExactlyInAnyOrderElementsOf(CLIENT_MEMBERS);
    assertThat(examplesOf(media)).isNotEmpty().allSatisfy(example -> {
      assertThat(fieldNames(example)).isSubsetOf(CLIENT_MEMBERS).contains("id", "scopes");
      assertThat(example.path("id").asText()).matches(CLIENT_ID);
      assertThat(example.path("scopes")).isNotEmpty()
        .allSatisfy(scope -> assertThat(scope.asText()).isIn(SCOPES));
      if (example.has("class")) {
        assertThat(example.path("class").asText()).isIn(CLIENT_CLASSES);
      }
    });
  }

  /** AdminItemsHandler, AdminLocationsHandler and MasterDataCsv: the members and columns each accepts. */
  static final Map<String, Set<String>> MASTER_DATA_MEMBERS = Map.of(
    "PUT /v1/admin/items/{sku}", Set.of("baseUnit", "description"),
    "POST /v1/admin/items/{sku}/pack-sizes", Set.of("unit", "quantity", "of"),
    "PUT /v1/admin/locations/{code}", Set.of("name"),
    "POST /v1/admin/location-mappings", Set.of("source", "partnerCode", "location"));
  static final Map<String, Set<String>> MASTER_DATA_COLUMNS = Map.of(
    "POST /v1/admin/items:import", Set.of("sku", "baseUnit", "description", "unit", "quantity", "of"),
    "POST /v1/admin/location-mappings:import", Set.of("source", "partnerCode", "location"));

  @Test
  void master_data_examples_use_only_members_and_columns_the_admin_api_accepts() {
    MASTER_DATA_MEMBERS.forEach((route, members) -> {
      JsonNode json = requestBodies().get(route).path("content").path("application/json");
      assertThat(fieldNames(resolve(json.path("schema")).path("properties"))).as(route)
        .containsExactlyInAnyOrderElementsOf(members);
      assertThat(examplesOf(json)).as(route).isNotEmpty()
        .allSatisfy(example -> assertThat(fieldNames(example)).as(route).isSubsetOf(members));
    });
    MASTER_DATA_COLUMNS.forEach((route, columns) -> {
      JsonNode csv = requestBodies().get(route).path("content").path("text/csv");
      assertThat(examplesOf(csv)).as(route).isNotEmpty().allSatisfy(example -> {
        String[] lines = example.asText().split("\n");
        assertThat(Set.of(lines[0].split(","))).as(route).isSubsetOf(columns);
        assertThat(lines).hasSizeGreaterThan(1);
      });
    });
  }

  @Test
  void client_patch_examples_use_only_members_the_admin_api_accepts() {
    JsonNode body = requestBodies().get("PATCH /v1/admin/clients/{id}");
    assertThat(body.path("content").size()).as("media types of the PATCH body").isPositive();
    for (var media : body.path("content").properties()) {
      assertThat(fieldNames(resolve(media.getValue().path("schema")).path("properties")))
        .containsExactlyInAnyOrderElementsOf(CLIENT_MEMBERS);
      assertThat(examplesOf(media.getValue())).isNotEmpty()
        .allSatisfy(example -> assertThat(fieldNames(example)).isNotEmpty().isSubsetOf(CLIENT_MEMBERS));
    }
  }

  @Test
  void item_mapping_examples_use_only_members_and_columns_the_admin_api_accepts() {
    JsonNode json = requestBodies().get("POST /v1/admin/item-mappings").path("content").path("application/json");
    JsonNode csv = requestBodies().get("POST /v1/admin/item-mappings:import").path("content").path("text/csv");

    assertThat(fieldNames(resolve(json.path("schema")).path("properties")))
      .containsExactlyInAnyOrderElementsOf(MAPPING_MEMBERS);
    assertThat(examplesOf(json)).hasSize(2).allSatisfy(example -> {
      assertThat(fieldNames(example)).isSubsetOf(MAPPING_MEMBERS).contains("sku");
      assertThat(example.has("gtin")).isNotEqualTo(example.has("source") && example.has("partnerCode"));
    });
    assertThat(examplesOf(csv)).isNotEmpty().allSatisfy(example -> {
      String[] lines = example.asText().split("\n");
      assertThat(Set.of(lines[0].split(","))).isSubsetOf(MAPPING_MEMBERS).contains("sku");
      assertThat(lines).hasSizeGreaterThan(1);
    });
  }

  @Test
  void every_problem_example_is_a_problem_type_of_the_gateway() {
    List<JsonNode> problems = new ArrayList<>();
    collectProblems(document, problems);

    assertThat(problems).hasSizeGreaterThan(30).allSatisfy(problem -> {
      String slug = problem.path("type").asText().substring(PROBLEM_BASE.length());
      assertThat(PROBLEM_TYPES).as("problem type " + slug).containsKey(slug);
      assertThat(problem.path("status").asInt()).as(slug).isEqualTo(PROBLEM_TYPES.get(slug).status());
      assertThat(problem.path("title").asText()).as(slug).isEqualTo(PROBLEM_TYPES.get(slug).title());
      assertThat(problem.path("detail").asText()).as(slug).isNotBlank();
      assertThat(problem.path("instance").asText()).as(slug).startsWith("/");
    });
    // problem types are also named outside problem bodies, e.g. a rejected transaction's stage
    List<String> uris = new ArrayList<>();
    collectProblemUris(document, uris);
    assertThat(uris).hasSizeGreaterThan(problems.size())
      .allSatisfy(uri -> assertThat(PROBLEM_TYPES).containsKey(uri.substring(PROBLEM_BASE.length())));
  }

  @Test
  void every_problem_answer_is_listed_under_its_own_status() {
    Set<String> statuses = new HashSet<>();
    for (var path : document.path("paths").properties()) {
      for (var operation : path.getValue().properties()) {
        for (var response : operation.getValue().path("responses").properties()) {
          JsonNode problem = resolve(response.getValue()).path("content").path("application/problem+json");
          for (JsonNode example : examplesOf(problem)) {
            assertThat(example.path("status").asText()).as(path.getKey() + " " + response.getKey())
              .isEqualTo(response.getKey());
            statuses.add(response.getKey());
          }
        }
      }
    }
    assertThat(statuses).contains("400", "401", "403", "404", "408", "409", "413", "415", "422", "429", "500", "503");
  }

  @Test
  void inventory_event_schema_is_a_copy_of_the_json_schema_contract() throws IOException {
    ObjectNode contractSchema = (ObjectNode) new ObjectMapper().readTree(resource(EventContract.SCHEMA_RESOURCE));
    // the copy's references point into its component, since "#/$defs/..." would mean the document's root
    String copyText = new ObjectMapper().writeValueAsString(document.path("components").path("schemas")
      .path("InventoryEvent")).replace("\"#/components/schemas/InventoryEvent/$defs/", "\"#/$defs/");
    ObjectNode copy = (ObjectNode) new ObjectMapper().readTree(copyText);
    // identity and prose may differ: the copy says where its source of truth is
    for (String member : List.of("$schema", "$id", "description")) {
      contractSchema.remove(member);
      copy.remove(member);
    }

    assertThat(copy).isEqualTo(contractSchema);
  }

  // --- reading the document ---

  private void forEachOperation(BiConsumer<String, Operation> action) {
    ParseOptions options = new ParseOptions();
    OpenAPI api = new OpenAPIV3Parser().readContents(text, null, options).getOpenAPI();
    api.getPaths().forEach((path, item) -> item.readOperationsMap()
      .forEach((method, operation) -> action.accept(method.name() + " " + path, operation)));
  }

  /** Each operation's request body, by "METHOD /path", references resolved. */
  private Map<String, JsonNode> requestBodies() {
    Map<String, JsonNode> bodies = new TreeMap<>();
    for (var path : document.path("paths").properties()) {
      for (var operation : path.getValue().properties()) {
        JsonNode body = operation.getValue().path("requestBody");
        if (!body.isMissingNode()) {
          bodies.put(operation.getKey().toUpperCase() + " " + path.getKey(), resolve(body));
        }
      }
    }
    return bodies;
  }

  /** The example values of a media type object, from "example" and "examples" alike. */
  private List<JsonNode> examplesOf(JsonNode media) {
    List<JsonNode> values = new ArrayList<>();
    if (media.has("example")) {
      values.add(media.get("example"));
    }
    for (JsonNode example : media.path("examples")) {
      values.add(resolve(example).path("value"));
    }
    return values;
  }

  /** The events an example of a request body holds, each as the bytes a client would send. */
  private static List<byte[]> eventsOf(String mediaType, JsonNode example) {
    List<byte[]> events = new ArrayList<>();
    if (mediaType.equals("application/x-ndjson")) {
      for (String line : example.asText().split("\n")) {
        if (!line.isBlank()) {
          events.add(line.getBytes(StandardCharsets.UTF_8));
        }
      }
    } else if (example.isArray()) {
      example.forEach(item -> events.add(json(item)));
    } else {
      events.add(json(example));
    }
    assertThat(events).as("events in a " + mediaType + " example").isNotEmpty();
    return events;
  }

  /** Every object in the document, examples of every kind included, whose type is a problem type. */
  private static void collectProblems(JsonNode node, List<JsonNode> problems) {
    if (node.isObject() && node.path("type").isTextual() && node.path("type").asText().startsWith(PROBLEM_BASE)) {
      problems.add(node);
    }
    node.forEach(child -> collectProblems(child, problems));
  }

  private static void collectProblemUris(JsonNode node, List<String> uris) {
    if (node.isTextual() && node.asText().startsWith(PROBLEM_BASE)) {
      uris.add(node.asText());
    }
    node.forEach(child -> collectProblemUris(child, uris));
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      String ref = current.get("$ref").asText();
      assertThat(ref).startsWith("#/");
      current = document.at(ref.substring(1));
      assertThat(current.isMissingNode()).as("unresolved " + ref).isFalse();
    }
    return current;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static byte[] json(JsonNode node) {
    try {
      return new ObjectMapper().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode readYaml(String yaml) {
    try {
      return new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
