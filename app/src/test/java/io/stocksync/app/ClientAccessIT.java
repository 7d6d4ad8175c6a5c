package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.Scope;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call, what each client may do, and how fast. */
class ClientAccessIT {

  static TestStack stack;

  @BeforeAll
  static void start() {
    stack = TestStack.start(true, false);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void a_request_without_a_valid_key_is_a_401_problem() {
    HttpResponse<String> none = stack.send(HttpRequest.newBuilder(URI.create(stack.url("/v1/balances?item=X"))).GET().build());
    HttpResponse<String> wrong = stack.get("/v1/balances?item=X", "ssk_not-a-key-anybody-has-issued");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(none.body()).getString("type")).endsWith("/unauthorized");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(stack.send(HttpRequest.newBuilder(URI.create(stack.url("/health/live"))).GET().build()).statusCode())
      .isEqualTo(200);
  }

  @Test
  void the_key_also_works_as_x_api_key() {
    HttpResponse<String> response = stack.send(HttpRequest.newBuilder(URI.create(stack.url("/v1/balances?item=X")))
      .header("X-API-Key", stack.apiKey).GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void a_client_without_the_scope_gets_403_naming_the_scope() {
    String reader = stack.createClient(client("reader-only", Set.of(Scope.INVENTORY_READ), Set.of(), 100, 100));

    HttpResponse<String> response = stack.postEvent(Events.receipt("r", "R-1", "SKU-S", "DC-1", "1"), reader);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(response.body()).getString("detail")).contains("events:write");
    assertThat(stack.get("/v1/admin/clients", reader).statusCode()).isEqualTo(403);
  }

  @Test
  void a_partner_posting_for_another_location_gets_403_naming_it() {
    String partner = stack.createClient(client("partner-east", Set.of(Scope.EVENTS_WRITE), Set.of("DC-EAST"), 100, 100));

    HttpResponse<String> own = stack.postEvent(Events.receipt("3pl", "P-1", "SKU-P", "DC-EAST", "1"), partner);
    HttpResponse<String> foreign = stack.postEvent(Events.receipt("3pl", "P-2", "SKU-P", "DC-WEST", "1"), partner);

    assertThat(own.statusCode()).isEqualTo(202);
    assertThat(foreign.statusCode()).isEqualTo(403);
    JsonObject problem = new JsonObject(foreign.body());
    assertThat(problem.getString("pointer")).isEqualTo("/location");
    assertThat(problem.getString("detail")).contains("DC-WEST");
  }

  @Test
  void a_client_at_its_limit_gets_429_while_another_client_keeps_going() {
    String noisy = stack.createClient(client("noisy-scanner", Set.of(Scope.INVENTORY_READ), Set.of(), 1, 5));
    String quiet = stack.createClient(client("quiet-wms", Set.of(Scope.INVENTORY_READ), Set.of(), 1, 5));

    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> limited = null;
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> response = stack.get("/v1/balances?item=X", noisy);
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) {
        limited = response;
      }
    }
    HttpResponse<String> other = stack.get("/v1/balances?item=X", quiet);

    assertThat(statuses.subList(0, 5)).containsOnly(200);
    assertThat(statuses).contains(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(limited.headers().firstValue("RateLimit-Policy")).hasValue("\"client\";q=5;w=5");
    assertThat(new JsonObject(limited.body()).getString("type")).endsWith("/rate-limited");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().firstValue("RateLimit")).hasValue("\"client\";r=4;t=0");
  }

  @Test
  void a_client_in_shadow_mode_is_observed_not_limited() {
    String shadow = stack.createClient(new ApiClient("new-partner", null, ClientClass.PARTNER,
      Set.of(Scope.INVENTORY_READ), Set.of(), Set.of(), 1, 2, true));

    for (int i = 0; i < 6; i++) {
      assertThat(stack.get("/v1/balances?item=X", shadow).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_shadow_client_over_its_limit_keeps_getting_202_and_the_counter_rises() {
    String shadow = stack.createClient(new ApiClient("shadow-poster", null, ClientClass.PARTNER,
      Set.of(Scope.EVENTS_WRITE), Set.of(), Set.of(), 1, 1, true));
    List<Integer> statuses = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    Runnable post = () -> statuses.add(stack.postEvent(Events.receipt("shadow", "SH-" + n.incrementAndGet(), "SKU-SH",
      "DC-1", "1"), shadow).statusCode());

    // a bucket of 1 at 1 per second: back-to-back requests soon exceed it
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollDelay(java.time.Duration.ZERO)
      .until(() -> {
        post.run();
        return shadowExceeded("shadow-poster") > 0;
      });
    double before = shadowExceeded("shadow-poster");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollDelay(java.time.Duration.ZERO)
      .until(() -> {
        post.run();
        return shadowExceeded("shadow-poster") > before;
      });

    assertThat(statuses).hasSizeGreaterThanOrEqualTo(3).containsOnly(202);
  }

  /** stocksync_gateway_rate_limit_shadow_exceeded_total of a client, as /metrics shows it (0 when absent). */
  private static double shadowExceeded(String client) {
    HttpResponse<String> metrics = stack.get("/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    return metrics.body().lines()
      .filter(line -> line.startsWith("stocksync_gateway_rate_limit_shadow_exceeded_total{")
        && line.contains("client=\"" + client + "\""))
      .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
      .sum();
  }

  @Test
  void admin_api_creates_clients_and_rotates_keys_two_at_a_time() {
    HttpResponse<String> created = stack.post("/v1/admin/clients", "application/json",
      "{\"id\":\"wms-north\",\"class\":\"wms\",\"scopes\":[\"events:write\"],\"locations\":[\"DC-NORTH\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    HttpResponse<String> first = stack.post("/v1/admin/clients/wms-north/keys", "application/json", "");
    HttpResponse<String> second = stack.post("/v1/admin/clients/wms-north/keys", "application/json", "");
    HttpResponse<String> third = stack.post("/v1/admin/clients/wms-north/keys", "application/json", "");
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(third.statusCode()).isEqualTo(409);

    String firstKey = new JsonObject(first.body()).getString("apiKey");
    String secondKey = new JsonObject(second.body()).getString("apiKey");
    assertThat(stack.postEvent(Events.receipt("wms-n", "N-1", "SKU-N", "DC-NORTH", "1"), firstKey).statusCode()).isEqualTo(202);
    assertThat(stack.postEvent(Events.receipt("wms-n", "N-2", "SKU-N", "DC-NORTH", "1"), secondKey).statusCode()).isEqualTo(202);

    String firstKeyId = new JsonObject(first.body()).getString("keyId");
    assertThat(stack.send(HttpRequest.newBuilder(URI.create(stack.url("/v1/admin/clients/wms-north/keys/" + firstKeyId)))
      .header("Authorization", "Bearer " + stack.apiKey).DELETE().build()).statusCode()).isEqualTo(204);
    JsonObject shown = new JsonObject(stack.get("/v1/admin/clients/wms-north").body());
    assertThat(shown.getJsonArray("keys").size()).isEqualTo(2);
    assertThat(shown.getJsonArray("keys").toString()).doesNotContain(firstKey).doesNotContain(secondKey);

    HttpResponse<String> duplicate = stack.post("/v1/admin/clients", "application/json",
      "{\"id\":\"wms-north\",\"scopes\":[\"events:write\"]}");
    assertThat(duplicate.statusCode()).isEqualTo(409);
    HttpResponse<String> invalid = stack.post("/v1/admin/clients", "application/json",
      "{\"id\":\"Bad Id\",\"scopes\":[\"events:write\"]}");
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(invalid.body()).getString("detail")).contains("client id");
  }

  @Test
  void admin_api_changes_a_client_and_the_change_applies_at_once() {
    String key = stack.createClient(client("wms-changing", Set.of(Scope.EVENTS_WRITE), Set.of("DC-A"), 100, 100));
    assertThat(stack.postEvent(Events.receipt("wms-c", "C-1", "SKU-C", "DC-A", "1"), key).statusCode()).isEqualTo(202);

    HttpResponse<String> patched = patch("/v1/admin/clients/wms-changing",
      "{\"locations\":[\"DC-B\"],\"eventTypes\":[\"receipt\"],\"ratePerSecond\":null,\"shadowLimit\":true}");

    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonObject shown = new JsonObject(patched.body());
    assertThat(shown.getJsonArray("locations")).containsExactly("DC-B");
    assertThat(shown.getInteger("ratePerSecond")).as("back to the wms default").isEqualTo(200);
    assertThat(shown.getInteger("burst")).isEqualTo(100);
    assertThat(shown.getBoolean("shadowLimit")).isTrue();
    // the lookup cache of every gateway verticle was emptied: no waiting for it to expire
    HttpResponse<String> old = stack.postEvent(Events.receipt("wms-c", "C-2", "SKU-C", "DC-A", "1"), key);
    assertThat(old.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(old.body()).getString("detail")).contains("DC-A");
    assertThat(stack.postEvent(Events.receipt("wms-c", "C-3", "SKU-C", "DC-B", "1"), key).statusCode()).isEqualTo(202);

    assertThat(patch("/v1/admin/clients/wms-changing", "{\"id\":\"other\"}").statusCode()).isEqualTo(422);
    assertThat(patch("/v1/admin/clients/wms-changing", "{\"burst\":0}").statusCode()).isEqualTo(422);
    assertThat(patch("/v1/admin/clients/wms-changing", "{\"colour\":\"red\"}").statusCode()).isEqualTo(422);
    assertThat(patch("/v1/admin/clients/nobody-here", "{\"name\":\"x\"}").statusCode()).isEqualTo(404);
  }

  @Test
  void a_disabled_client_gets_403_saying_so_until_it_is_enabled() {
    String key = stack.createClient(client("wms-paused", Set.of(Scope.INVENTORY_READ), Set.of(), 100, 100));
    assertThat(stack.get("/v1/balances?item=X", key).statusCode()).isEqualTo(200);

    HttpResponse<String> disabled = stack.post("/v1/admin/clients/wms-paused/disable", "application/json", "");
    HttpResponse<String> refused = stack.get("/v1/balances?item=X", key);

    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(disabled.body()).getBoolean("disabled")).isTrue();
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(refused.body()).getString("type")).endsWith("/forbidden");
    assertThat(new JsonObject(refused.body()).getString("detail")).contains("wms-paused").contains("disabled");
    assertThat(new JsonObject(stack.get("/v1/admin/clients").body()).getJsonArray("clients").toString())
      .contains("\"id\":\"wms-paused\"");

    assertThat(stack.post("/v1/admin/clients/wms-paused/enable", "application/json", "").statusCode()).isEqualTo(200);
    assertThat(stack.get("/v1/balances?item=X", key).statusCode()).isEqualTo(200);
    assertThat(stack.post("/v1/admin/clients/nobody-here/disable", "application/json", "").statusCode()).isEqualTo(404);
  }

  @Test
  void a_key_revoked_through_the_admin_api_gets_401_at_once() {
    HttpResponse<String> created = stack.post("/v1/admin/clients", "application/json",
      "{\"id\":\"wms-revoked\",\"scopes\":[\"inventory:read\"]}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject issued = new JsonObject(stack.post("/v1/admin/clients/wms-revoked/keys", "application/json", "").body());
    String key = issued.getString("apiKey");
    // the key's lookup is now cached by the gateway verticle that answered
    assertThat(stack.get("/v1/balances?item=X", key).statusCode()).isEqualTo(200);
    assertThat(stack.get("/v1/balances?item=X", key).statusCode()).isEqualTo(200);

    assertThat(stack.send(HttpRequest.newBuilder(URI.create(stack.url("/v1/admin/clients/wms-revoked/keys/"
      + issued.getString("keyId")))).header("Authorization", "Bearer " + stack.apiKey).DELETE().build()).statusCode())
      .isEqualTo(204);

    for (int i = 0; i < 4; i++) {
      HttpResponse<String> response = stack.get("/v1/balances?item=X", key);
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(new JsonObject(response.body()).getString("type")).endsWith("/unauthorized");
    }
  }

  @Test
  void a_key_revoked_in_the_database_gets_401_once_the_lookup_cache_expires() {
    String key = stack.createClient(client("wms-revoked-cli", Set.of(Scope.INVENTORY_READ), Set.of(), 100, 100));
    assertThat(stack.get("/v1/balances?item=X", key).statusCode()).isEqualTo(200);
    try (ClientAdmin admin = new ClientAdmin(stack.db)) {
      // what `clients revoke-key` does: no running gateway is told
      String keyId = admin.await(admin.clients().keys("wms-revoked-cli")).get(0).keyId();
      assertThat(admin.await(admin.clients().revokeKey("wms-revoked-cli", keyId))).isTrue();
    }

    await().atMost(Duration.ofSeconds(io.stocksync.gateway.auth.AuthenticationHandler.CACHE_SECONDS + 30))
      .pollInterval(Duration.ofSeconds(1))
      .untilAsserted(() -> assertThat(stack.get("/v1/balances?item=X", key).statusCode()).isEqualTo(401));
  }

  @Test
  void a_client_restricted_to_some_event_types_gets_403_for_another_type() {
    String scanner = stack.createClient(new ApiClient("scanner-receipts", null, ClientClass.SCANNER,
      Set.of(Scope.EVENTS_WRITE), Set.of("receipt"), Set.of(), 100, 100, false));

    HttpResponse<String> allowed = stack.postEvent(Events.receipt("scan", "E-1", "SKU-E", "DC-1", "1"), scanner);
    HttpResponse<String> other = stack.postEvent(Events.shipment("scan", "E-2", "SKU-E", "DC-1", "1"), scanner);

    assertThat(allowed.statusCode()).isEqualTo(202);
    assertThat(other.statusCode()).isEqualTo(403);
    JsonObject problem = new JsonObject(other.body());
    assertThat(problem.getString("pointer")).isEqualTo("/type");
    assertThat(problem.getString("detail")).contains("shipment");
  }

  @Test
  void a_transfer_into_a_location_the_client_may_not_use_gets_403_naming_it() {
    String partner = stack.createClient(client("partner-transfers", Set.of(Scope.EVENTS_WRITE), Set.of("DC-EAST",
      "STORE-1"), 100, 100));

    HttpResponse<String> own = stack.postEvent(transferOut("TO-1", "STORE-1"), partner);
    HttpResponse<String> foreign = stack.postEvent(transferOut("TO-2", "STORE-9"), partner);

    assertThat(own.statusCode()).as(own.body()).isEqualTo(202);
    assertThat(foreign.statusCode()).isEqualTo(403);
    JsonObject problem = new JsonObject(foreign.body());
    assertThat(problem.getString("pointer")).isEqualTo("/toLocation");
    assertThat(problem.getString("detail")).contains("STORE-9");
  }

  private static String transferOut(String key, String toLocation) {
    String receipt = Events.event("transfer-out", "3pl", key, "SKU-T", "DC-EAST", "2", null);
    return receipt.substring(0, receipt.length() - 1) + ",\"toLocation\":\"" + toLocation
      + "\",\"references\":{\"transfer\":\"TR-" + key + "\"}}";
  }

  private static HttpResponse<String> patch(String path, String body) {
    return stack.send(HttpRequest.newBuilder(URI.create(stack.url(path)))
      .header("Authorization", "Bearer " + stack.apiKey)
      .header("Content-Type", "application/merge-patch+json")
      .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
      .build());
  }

  private static ApiClient client(String id, Set<Scope> scopes, Set<String> locations, int rate, int burst) {
    return new ApiClient(id, null, ClientClass.WMS, scopes, Set.of(), locations, rate, burst, false);
  }
}
