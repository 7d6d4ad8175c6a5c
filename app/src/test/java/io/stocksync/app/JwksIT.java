package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.Scope;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access tokens checked against the identity provider's JSON Web Key Set: one served over HTTP by
 * a tiny in-test provider (fetched, refreshed on an unknown key id, kept when a fetch fails), and
 * one read from a file at startup.
 */
class JwksIT {

  static final String ISSUER = "https://idp.example.test/";
  static final String AUDIENCE = "stocksync";

  static Vertx vertx;
  static HttpServer provider;
  static TestStack stack;
  static Signer fileKey;
  static Signer first;
  /** What the provider answers: a key set, or null for HTTP 500. */
  static final AtomicReference<JsonObject> served = new AtomicReference<>();
  static final AtomicInteger fetches = new AtomicInteger();

  record Signer(String kid, KeyPair keys, JWTAuth auth) {
    JsonObject jwk() {
      RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
      return new JsonObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
        .put("n", base64Url(pub.getModulus())).put("e", base64Url(pub.getPublicExponent()));
    }

    String token(String client) {
      long now = System.currentTimeMillis() / 1000;
      JsonObject claims = new JsonObject().put("client_id", client).put("iat", now).put("exp", now + 300)
        .put("iss", ISSUER).put("aud", AUDIENCE).put("sub", client);
      return auth.generateToken(claims, new JWTOptions().setAlgorithm("RS256").setNoTimestamp(true)
        .setHeader(new JsonObject().put("kid", kid)));
    }
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    fileKey = signer("file-1");
    first = signer("idp-1");
    served.set(set(first));
    provider = vertx.createHttpServer().requestHandler(request -> {
      fetches.incrementAndGet();
      JsonObject keys = served.get();
      if (keys == null) {
        request.response().setStatusCode(500).end("provider down");
      } else {
        request.response().putHeader("Content-Type", "application/jwk-set+json").end(keys.encode());
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    Path jwksFile = Files.createTempFile("stocksync-jwks", ".json");
    Files.writeString(jwksFile, set(fileKey).encodePrettily());
    // the settings an operator writes: a JWKS file read at startup beside a URL fetched at run time
    TestStack.jwt = RoleConfigs.jwt(Settings.of(Map.of(
      "auth.jwt.issuer", ISSUER,
      "auth.jwt.audience", AUDIENCE,
      "auth.jwt.jwks-file", jwksFile.toString(),
      "auth.jwt.jwks-url", "http://127.0.0.1:" + provider.actualPort() + "/.well-known/jwks.json",
      "auth.jwt.jwks-refresh-seconds", "3600",
      "auth.jwt.jwks-min-refetch-seconds", "1")));
    try {
      stack = TestStack.start(true, false);
    } finally {
      TestStack.jwt = null;
    }
    stack.createClient(new ApiClient("idp-reader", null, ClientClass.ECOMMERCE, Set.of(Scope.INVENTORY_READ), Set.of(),
      Set.of(), 1000, 1000, false));
  }

  @AfterAll
  static void stop() {
    stack.close();
    vertx.close();
  }

  @Test
  void a_token_signed_with_a_key_of_the_fetched_set_is_accepted() {
    assertThat(fetches.get()).as("fetched at start").isPositive();
    assertThat(stack.get("/v1/balances?item=X", first.token("idp-reader")).statusCode()).isEqualTo(200);
  }

  @Test
  void a_token_signed_with_the_key_of_the_jwks_file_is_accepted() {
    assertThat(stack.get("/v1/balances?item=X", fileKey.token("idp-reader")).statusCode()).isEqualTo(200);
  }

  @Test
  void a_rotated_key_is_accepted_once_the_provider_publishes_it() throws Exception {
    Signer next = signer("idp-2-" + System.nanoTime());
    String token = next.token("idp-reader");
    served.set(set(first, next));

    // the unknown key id makes the gateway fetch the set again (at most once a second here)
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
      .untilAsserted(() -> assertThat(stack.get("/v1/balances?item=X", token).statusCode()).isEqualTo(200));
    assertThat(stack.get("/v1/balances?item=X", first.token("idp-reader")).statusCode()).isEqualTo(200);
  }

  @Test
  void a_failed_fetch_keeps_the_last_good_keys() throws Exception {
    Signer unknown = signer("never-published");
    int before = fetches.get();
    served.set(null);
    try {
      // a token with an unknown key id makes the gateway try the provider, which fails
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
        assertThat(stack.get("/v1/balances?item=X", unknown.token("idp-reader")).statusCode()).isEqualTo(401);
        assertThat(fetches.get()).isGreaterThan(before);
      });

      assertThat(stack.get("/v1/balances?item=X", first.token("idp-reader")).statusCode()).isEqualTo(200);
      assertThat(stack.get("/v1/balances?item=X", fileKey.token("idp-reader")).statusCode()).isEqualTo(200);
    } finally {
      served.set(set(first));
    }
  }

  private static JsonObject set(Signer... signers) {
    return new JsonObject().put("keys", new JsonArray(Arrays.stream(signers).map(Signer::jwk).toList()));
  }

  private static Signer signer(String kid) throws Exception {
    KeyPair keys = TestKeys.rsa();
    return new Signer(kid, keys, TestKeys.signer(vertx, keys));
  }

  /** A JWK number: unsigned big-endian bytes, base64url without padding. */
  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

}
