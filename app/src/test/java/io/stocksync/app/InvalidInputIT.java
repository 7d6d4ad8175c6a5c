package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets a problem+json that names the field, and nothing of it reaches the ledger; every
 * hardening case of docs/api.md gets its status and problem type (the stalled upload, 408, is
 * StalledUploadIT, since it needs a short request timeout).
 */
class InvalidInputIT {

  static TestStack stack;

  @BeforeAll
  static void start() {
    stack = TestStack.start(true, true);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static final String GOOD = Events.receipt("wms-bad", "RCV-1", "SKU-BAD", "DC-1", "5");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    malformed JSON        | {"type":"receipt",                 | 400 | malformed-json |
    duplicate key         | {"type":"receipt","type":"receipt"} | 400 | malformed-json |
    trailing data         | {} {}                              | 400 | malformed-json |
    empty body            | ''                                 | 400 | malformed-json |
    not an object         | [1,2]                              | 422 | invalid-event  |
    """)
  void rejects_bodies_that_are_not_one_json_object(String name, String body, int status, String type, String pointer) {
    HttpResponse<String> response = stack.postEvent(body);

    assertProblem(response, status, type);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    quantity is a string  | "quantity":5               | "quantity":"5"               | /quantity
    missing location      | "location":"DC-1",         | ''                           | /location
    item names nothing    | "item":{"sku":"SKU-BAD"}   | "item":{}                    | /item
    unknown type          | "type":"receipt"           | "type":"teleport"            | /type
    unknown field         | "unit":"EA"                | "unit":"EA","color":"red"    | /color
    receipt of zero       | "quantity":5               | "quantity":0                 | /quantity
    item is a number      | "item":{"sku":"SKU-BAD"}   | "item":42                    | /item
    bad timestamp         | "2026-12-03T10:15:00Z"     | "yesterday"                  | /occurredAt
    """)
  void names_the_field_that_breaks_the_contract(String name, String from, String to, String pointer) {
    String body = GOOD.replace(from, to);
    assertThat(body).isNotEqualTo(GOOD);

    HttpResponse<String> response = stack.postEvent(body);

    JsonObject problem = assertProblem(response, 422, "invalid-event");
    JsonArray errors = problem.getJsonArray("errors");
    assertThat(errors.stream().map(e -> ((JsonObject) e).getString("pointer"))).contains(pointer);
    assertThat(problem.getString("detail")).isNotBlank();
  }

  @Test
  void a_rejected_request_can_be_looked_up_by_its_transaction_id() {
    HttpResponse<String> rejected = stack.postEvent(GOOD.replace("\"quantity\":5", "\"quantity\":-5"));
    String id = rejected.headers().firstValue("X-Transaction-Id").orElseThrow();

    await().atMost(Duration.ofSeconds(10)).until(() -> stack.get("/v1/transactions/" + id).statusCode() == 200);
    JsonObject transaction = new JsonObject(stack.get("/v1/transactions/" + id).body());

    assertThat(transaction.getString("status")).isEqualTo("rejected");
    JsonObject stage = transaction.getJsonArray("stages").getJsonObject(1);
    assertThat(stage.getString("stage")).isEqualTo("rejected");
    assertThat(stage.getString("problemType")).endsWith("/invalid-event");
    assertThat(stage.getInteger("httpStatus")).isEqualTo(422);
  }

  @Test
  void refuses_other_content_types_with_415() {
    assertProblem(stack.post("/v1/events", "text/plain", GOOD), 415, "unsupported-media-type");
  }

  @Test
  void refuses_bodies_over_the_limit_with_413() {
    String huge = GOOD.replace("\"unit\":\"EA\"", "\"unit\":\"EA\",\"pad\":\"" + "x".repeat(70_000) + "\"");
    assertProblem(stack.postEvent(huge), 413, "payload-too-large");
  }

  @Test
  void answers_unknown_paths_and_methods_with_problems() {
    assertProblem(stack.get("/v1/nothing-here"), 404, "not-found");
    assertProblem(stack.get("/v1/events"), 405, "method-not-allowed");
  }

  @Test
  void nothing_rejected_reaches_the_ledger() {
    stack.postEvent(GOOD.replace("\"quantity\":5", "\"quantity\":\"5\""));
    stack.postEvent("{\"type\":\"receipt\",");
    HttpResponse<String> marker = stack.postEvent(Events.receipt("wms-bad", "MARKER", "SKU-MARKER", "DC-1", "1"));
    assertThat(marker.statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(30)).until(() -> stack.ledger.movements("SKU-MARKER") == 1);
    assertThat(stack.ledger.movements("SKU-BAD")).isZero();
  }

  /** One hardening case of docs/api.md: a raw HTTP request and the status and problem type it gets. */
  record Case(String name, String method, String path, Map<String, String> headers, byte[] body, int status,
      String type) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String JSON = "application/json";
  /** A header value that means: send no such header. */
  static final String NONE = "<none>";

  static Case post(String name, String body, int status, String type) {
    return post(name, body.getBytes(StandardCharsets.UTF_8), status, type);
  }

  static Case post(String name, byte[] body, int status, String type) {
    return new Case(name, "POST", "/v1/events", Map.of("Content-Type", JSON), body, status, type);
  }

  static Case request(String name, String method, String path, Map<String, String> headers, String body, int status,
      String type) {
    return new Case(name, method, path, headers, body.getBytes(StandardCharsets.UTF_8), status, type);
  }

  static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static Stream<Case> hardening() {
    byte[] good = GOOD.getBytes(StandardCharsets.UTF_8);
    String deep = "[".repeat(20) + "]".repeat(20);
    return Stream.of(
      request("undecodable query string", "GET", "/v1/balances?item=%zz", Map.of(), "", 400, "bad-request"),
      request("Expect other than 100-continue", "POST", "/v1/events",
        Map.of("Content-Type", JSON, "Expect", "200-ok"), GOOD, 400, "bad-request"),
      request("no credentials", "POST", "/v1/events", Map.of("Content-Type", JSON, "Authorization", NONE), GOOD,
        401, "unauthorized"),
      request("unknown API key", "POST", "/v1/events",
        Map.of("Content-Type", JSON, "Authorization", "Bearer no-such-key-0123456789"), GOOD, 401, "unauthorized"),
      request("unknown X-API-Key", "POST", "/v1/events",
        Map.of("Content-Type", JSON, "Authorization", NONE, "X-API-Key", "no-such-key-0123456789"), GOOD, 401,
        "unauthorized"),
      request("Basic credentials", "POST", "/v1/events",
        Map.of("Content-Type", JSON, "Authorization", "Basic dXNlcjpwYXNz"), GOOD, 401, "unauthorized"),
      request("wrong method on /v1/events", "GET", "/v1/events", Map.of(), "", 405, "method-not-allowed"),
      request("wrong method on the batch endpoint", "PUT", "/v1/events:batch", Map.of("Content-Type", JSON), "[]",
        405, "method-not-allowed"),
      post("body over http.max-body-bytes", GOOD.replace("\"unit\":\"EA\"",
        "\"unit\":\"EA\",\"pad\":\"" + "x".repeat(70_000) + "\""), 413, "payload-too-large"),
      request("body over batch.max-body-bytes, before the key", "POST", "/v1/events:batch",
        Map.of("Content-Type", JSON, "Authorization", NONE, "Content-Length", "5000000"), "", 413,
        "payload-too-large"),
      request("text/plain", "POST", "/v1/events", Map.of("Content-Type", "text/plain"), GOOD, 415,
        "unsupported-media-type"),
      request("no Content-Type", "POST", "/v1/events", Map.of(), GOOD, 415, "unsupported-media-type"),
      request("text/plain batch", "POST", "/v1/events:batch", Map.of("Content-Type", "text/plain"), "[" + GOOD + "]",
        415, "unsupported-media-type"),
      request("Idempotency-Key with a space", "POST", "/v1/events",
        Map.of("Content-Type", JSON, "Idempotency-Key", "a key"), GOOD, 400, "invalid-idempotency-key"),
      request("Idempotency-Key of 256 characters", "POST", "/v1/events",
        Map.of("Content-Type", JSON, "Idempotency-Key", "k".repeat(256)), GOOD, 400, "invalid-idempotency-key"),
      post("empty body", "", 400, "malformed-json"),
      post("byte order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, good), 400, "malformed-json"),
      post("invalid UTF-8", invalidUtf8(), 400, "malformed-json"),
      post("syntax error", "{\"type\":\"receipt\",", 400, "malformed-json"),
      post("single quotes", GOOD.replace("\"type\":\"receipt\"", "'type':'receipt'"), 400, "malformed-json"),
      post("comment", "/* scanner 7 */" + GOOD, 400, "malformed-json"),
      post("NaN", GOOD.replace("\"quantity\":5", "\"quantity\":NaN"), 400, "malformed-json"),
      post("duplicate key", GOOD.replace("\"unit\":\"EA\"", "\"unit\":\"EA\",\"unit\":\"KGM\""), 400, "malformed-json"),
      post("nested duplicate key", GOOD.replace("{\"sku\":\"SKU-BAD\"}", "{\"sku\":\"SKU-BAD\",\"sku\":\"SKU-2\"}"), 400,
        "malformed-json"),
      post("trailing data", GOOD + " {}", 400, "malformed-json"),
      post("nesting deeper than 16", GOOD.replace("\"unit\":\"EA\"", "\"unit\":\"EA\",\"deep\":" + deep), 400,
        "malformed-json"),
      post("a number of 41 digits", GOOD.replace("\"quantity\":5", "\"quantity\":" + "1".repeat(41)), 400,
        "malformed-json"),
      post("a string over 10000 characters", GOOD.replace("\"SKU-BAD\"", "\"" + "S".repeat(10_001) + "\""), 400,
        "malformed-json"),
      request("duplicate key in a batch", "POST", "/v1/events:batch", Map.of("Content-Type", JSON),
        "[" + GOOD.replace("\"unit\":\"EA\"", "\"unit\":\"EA\",\"unit\":\"EA\"") + "]", 400, "malformed-json"),
      request("a batch that is not an array", "POST", "/v1/events:batch", Map.of("Content-Type", JSON), GOOD, 400,
        "malformed-json"),
      post("quantity 1e400", GOOD.replace("\"quantity\":5", "\"quantity\":1e400"), 422, "invalid-event"),
      post("quantity of the wrong type", GOOD.replace("\"quantity\":5", "\"quantity\":\"5\""), 422, "invalid-event"),
      post("item of the wrong type", GOOD.replace("{\"sku\":\"SKU-BAD\"}", "[\"SKU-BAD\"]"), 422, "invalid-event"),
      post("missing required fields", "{\"type\":\"receipt\",\"source\":\"wms-bad\"}", 422, "invalid-event"),
      post("not an object", "[1,2]", 422, "invalid-event"));
  }

  /** The good event with a lone continuation byte inside a string: not UTF-8. */
  static byte[] invalidUtf8() {
    String[] halves = GOOD.split("SKU-BAD", 2);
    return concat(halves[0].getBytes(StandardCharsets.UTF_8), new byte[] {'S', (byte) 0x80, 'K'},
      halves[1].getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hardening")
  void every_hardening_case_gets_its_status_and_problem_type(Case c) throws IOException {
    RawResponse response = send(c);

    assertThat(response.status()).as(c.name() + ": " + response.body()).isEqualTo(c.status());
    assertThat(response.header("content-type")).as(c.name()).isEqualTo("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type")).as(c.name()).isEqualTo("https://stocksync.io/problems/" + c.type());
    assertThat(problem.getInteger("status")).isEqualTo(c.status());
    assertThat(problem.getString("detail")).isNotBlank();
  }

  record RawResponse(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  /** Sends the case as written, over a plain socket: no HTTP client rewrites its headers or bytes. */
  private static RawResponse send(Case c) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "127.0.0.1:" + stack.port);
    headers.put("Connection", "close");
    headers.put("Authorization", "Bearer " + stack.apiKey);
    if (!c.method().equals("GET")) {
      headers.put("Content-Length", String.valueOf(c.body().length));
    }
    headers.putAll(c.headers());
    StringBuilder head = new StringBuilder(c.method() + " " + c.path() + " HTTP/1.1\r\n");
    headers.forEach((name, value) -> {
      if (!NONE.equals(value)) {
        head.append(name).append(": ").append(value).append("\r\n");
      }
    });
    head.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", stack.port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        out.write(c.body());
        out.flush();
      } catch (IOException e) {
        // the gateway may answer (413) and close before it read the whole body: read that answer
      }
      return parse(readResponse(socket.getInputStream()));
    }
  }

  /** Reads one response: to its Content-Length or last chunk, since a connection may stay open. */
  private static byte[] readResponse(java.io.InputStream in) throws IOException {
    java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      received.write(buffer, 0, read);
      String text = received.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        continue;
      }
      java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
        .matcher(text.substring(0, end));
      if (length.find() && text.length() - end - 4 >= Integer.parseInt(length.group(1))) {
        break;
      }
      if (text.endsWith("\r\n0\r\n\r\n")) {
        break;
      }
    }
    return received.toByteArray();
  }

  private static RawResponse parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    assertThat(end).as("a complete HTTP response: " + text).isPositive();
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      StringBuilder decoded = new StringBuilder();
      int at = 0;
      while (true) {
        int lineEnd = body.indexOf("\r\n", at);
        int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
        if (size == 0) {
          break;
        }
        decoded.append(body, lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
      body = decoded.toString();
    }
    return new RawResponse(status, headers, body);
  }

  private static JsonObject assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type")).isEqualTo("https://stocksync.io/problems/" + type);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    return problem;
  }
}
