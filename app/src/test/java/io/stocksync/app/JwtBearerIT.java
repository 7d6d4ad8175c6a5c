package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.JwtConfig;
import io.stocksync.gateway.auth.Scope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OAuth2 client-credentials access tokens, validated locally against the configured public key. */
class JwtBearerIT {

  static final String ISSUER = "https://idp.example.test/";
  static final String AUDIENCE = "stocksync";

  static TestStack stack;
  static Vertx vertx;
  static JWTAuth issuer;
  static JWTAuth impostor;

  @BeforeAll
  static void start() throws Exception {
    KeyPair keys = TestKeys.rsa();
    vertx = Vertx.vertx();
    issuer = signer(keys);
    impostor = signer(TestKeys.rsa());
    TestStack.jwt = new JwtConfig(ISSUER, AUDIENCE, List.of(TestKeys.pem("PUBLIC KEY", keys.getPublic().getEncoded())), List.of(),
      "client_id", 0);
    try {
      stack = TestStack.start(true, false);
    } finally {
      TestStack.jwt = null;
    }
    stack.createClient(new ApiClient("erp-reader", null, ClientClass.ECOMMERCE, Set.of(Scope.INVENTORY_READ), Set.of(),
      Set.of(), 1000, 1000, false));
  }

  @AfterAll
  static void stop() {
    stack.close();
    vertx.close();
  }

  @Test
  void a_valid_token_for_a_known_client_is_accepted_with_that_clients_scopes() {
    String token = token(issuer, "erp-reader", ISSUER, AUDIENCE, 60);

    assertThat(stack.get("/v1/balances?item=X", token).statusCode()).isEqualTo(200);
    assertThat(stack.postEvent(Events.receipt("erp", "J-1", "SKU-J", "DC-1", "1"), token).statusCode()).isEqualTo(403);
  }

  @Test
  void tokens_that_are_expired_foreign_misaddressed_or_for_nobody_are_401() {
    assertThat(stack.get("/v1/balances?item=X", token(issuer, "erp-reader", ISSUER, AUDIENCE, -120)).statusCode())
      .as("expired").isEqualTo(401);
    assertThat(stack.get("/v1/balances?item=X", token(impostor, "erp-reader", ISSUER, AUDIENCE, 60)).statusCode())
      .as("signed by another key").isEqualTo(401);
    assertThat(stack.get("/v1/balances?item=X", token(issuer, "erp-reader", "https://other/", AUDIENCE, 60)).statusCode())
      .as("other issuer").isEqualTo(401);
    assertThat(stack.get("/v1/balances?item=X", token(issuer, "erp-reader", ISSUER, "other-api", 60)).statusCode())
      .as("other audience").isEqualTo(401);
    HttpResponseAssert unknown = new HttpResponseAssert(stack.get("/v1/balances?item=X",
      token(issuer, "nobody", ISSUER, AUDIENCE, 60)));
    assertThat(unknown.status()).as("unknown client").isEqualTo(401);
    assertThat(unknown.body()).contains("unauthorized");
  }

  @Test
  void a_token_without_an_expiry_is_refused() {
    JsonObject claims = new JsonObject().put("client_id", "erp-reader").put("iss", ISSUER).put("aud", AUDIENCE)
      .put("sub", "erp-reader");
    String forever = issuer.generateToken(claims, new JWTOptions().setAlgorithm("RS256").setNoTimestamp(true));

    assertThat(stack.get("/v1/balances?item=X", forever).statusCode()).isEqualTo(401);
  }

  @Test
  void api_keys_keep_working_beside_tokens() {
    assertThat(stack.get("/v1/balances?item=X").statusCode()).isEqualTo(200);
  }

  private record HttpResponseAssert(int status, String body) {
    HttpResponseAssert(java.net.http.HttpResponse<String> response) {
      this(response.statusCode(), response.body());
    }
  }

  private static String token(JWTAuth signer, String client, String iss, String aud, int expiresIn) {
    long now = System.currentTimeMillis() / 1000;
    JsonObject claims = new JsonObject().put("client_id", client).put("iat", now).put("exp", now + expiresIn)
      .put("iss", iss).put("aud", aud).put("sub", client);
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("RS256").setNoTimestamp(true));
  }

  private static JWTAuth signer(KeyPair keys) {
    return TestKeys.signer(vertx, keys);
  }
}
