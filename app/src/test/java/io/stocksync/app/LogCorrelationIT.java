package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.JwtConfig;
import io.stocksync.gateway.auth.Scope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the logs say about a request: the transaction id and client on every line written for it
 * (in the gateway and in the workers), and never a credential. Lines are captured with the
 * pattern of the configured console appender, so the test reads what an operator reads.
 */
class LogCorrelationIT {

  static final String ISSUER = "https://idp.example.test/";
  static final String AUDIENCE = "stocksync";

  static TestStack stack;
  static Vertx vertx;
  static JWTAuth issuer;

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private OutputStreamAppender<ILoggingEvent> appender;
  private Level previousRoot;
  private Level previousStocksync;

  @BeforeAll
  static void start() throws Exception {
    KeyPair keys = TestKeys.rsa();
    vertx = Vertx.vertx();
    issuer = TestKeys.signer(vertx, keys);
    TestStack.jwt = new JwtConfig(ISSUER, AUDIENCE, List.of(TestKeys.pem("PUBLIC KEY", keys.getPublic().getEncoded())), List.of(),
      "client_id", 0);
    try {
      stack = TestStack.start(true, true);
    } finally {
      TestStack.jwt = null;
    }
    stack.createClient(new ApiClient("token-reader", null, ClientClass.ECOMMERCE, Set.of(Scope.INVENTORY_READ), Set.of(),
      Set.of(), 1000, 1000, false));
  }

  @AfterAll
  static void stop() {
    stack.close();
    vertx.close();
  }

  @BeforeEach
  void capture() {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT");
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(logging);
    encoder.setPattern(((PatternLayoutEncoder) console.getEncoder()).getPattern());
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    appender = new OutputStreamAppender<>();
    appender.setContext(logging);
    appender.setEncoder(encoder);
    appender.setOutputStream(captured);
    appender.start();
    root.addAppender(appender);
    // everything, so that a credential in any line, of any library, would be seen
    previousRoot = root.getLevel();
    previousStocksync = logging.getLogger("io.stocksync").getLevel();
    root.setLevel(Level.DEBUG);
    logging.getLogger("io.stocksync").setLevel(Level.DEBUG);
  }

  @AfterEach
  void release() {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    appender.stop();
    root.setLevel(previousRoot);
    logging.getLogger("io.stocksync").setLevel(previousStocksync);
  }

  private List<String> lines() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void the_log_line_of_a_refused_request_carries_its_transaction_id_and_client() {
    String limited = stack.createClient(new ApiClient("log-limited", null, ClientClass.WMS, Set.of(Scope.INVENTORY_READ),
      Set.of(), Set.of(), 100, 100, false));

    HttpResponse<String> unknownKey = stack.get("/v1/balances?item=X", "ssk_no-such-key-for-the-log-test");
    HttpResponse<String> forbidden = stack.postEvent(Events.receipt("log", "L-1", "SKU-L", "DC-1", "1"), limited);
    String unknownTxn = unknownKey.headers().firstValue("X-Transaction-Id").orElseThrow();
    String forbiddenTxn = forbidden.headers().firstValue("X-Transaction-Id").orElseThrow();

    assertThat(unknownKey.statusCode()).isEqualTo(401);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(lines()).anySatisfy(line -> assertThat(line).contains("txn=" + unknownTxn).contains("answered 401"));
      assertThat(lines()).anySatisfy(line -> assertThat(line)
        .contains("txn=" + forbiddenTxn + " client=log-limited").contains("answered 403 forbidden"));
    });
  }

  @Test
  void a_worker_log_line_about_an_event_carries_its_transaction_id() {
    // an item named by a GTIN nobody mapped: the worker quarantines it and says so at WARN
    HttpResponse<String> accepted = stack.postEvent("{\"type\":\"receipt\",\"source\":\"log-wms\","
      + "\"transactionKey\":\"LQ-1\",\"occurredAt\":\"2026-12-03T10:15:00Z\",\"item\":{\"gtin\":\"04006381333931\"},"
      + "\"location\":\"DC-1\",\"quantity\":1,\"unit\":\"EA\"}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String txn = new JsonObject(accepted.body()).getString("transactionId");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lines()).anySatisfy(line ->
      assertThat(line).contains("LaneConsumer").contains("txn=" + txn).contains("quarantined")));
  }

  @Test
  void neither_an_api_key_nor_an_access_token_is_ever_logged() {
    long now = System.currentTimeMillis() / 1000;
    String token = issuer.generateToken(new JsonObject().put("client_id", "token-reader").put("iat", now)
      .put("exp", now + 60).put("iss", ISSUER).put("aud", AUDIENCE).put("sub", "token-reader"),
      new JWTOptions().setAlgorithm("RS256").setNoTimestamp(true));
    String expired = issuer.generateToken(new JsonObject().put("client_id", "token-reader").put("iat", now - 600)
      .put("exp", now - 300).put("iss", ISSUER).put("aud", AUDIENCE).put("sub", "token-reader"),
      new JWTOptions().setAlgorithm("RS256").setNoTimestamp(true));
    String wrongKey = "ssk_a-key-that-was-never-issued-0123456789";

    // accepted and refused, with both credentials: every path a credential takes through the gateway
    assertThat(stack.get("/v1/balances?item=X").statusCode()).isEqualTo(200);
    assertThat(stack.postEvent(Events.receipt("secret", "S-1", "SKU-S", "DC-1", "1")).statusCode()).isEqualTo(202);
    assertThat(stack.get("/v1/balances?item=X", token).statusCode()).isEqualTo(200);
    assertThat(stack.postEvent(Events.receipt("secret", "S-2", "SKU-S", "DC-1", "1"), token).statusCode())
      .isEqualTo(403);
    assertThat(stack.get("/v1/balances?item=X", expired).statusCode()).isEqualTo(401);
    assertThat(stack.get("/v1/balances?item=X", wrongKey).statusCode()).isEqualTo(401);
    HttpResponse<String> issued = stack.post("/v1/admin/clients/token-reader/keys", "application/json", "");
    assertThat(issued.statusCode()).isEqualTo(201);
    String issuedKey = new JsonObject(issued.body()).getString("apiKey");
    assertThat(stack.get("/v1/balances?item=X", issuedKey).statusCode()).isEqualTo(200);

    // the refusals were logged (so logging was on), with their transaction ids
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
      assertThat(lines()).filteredOn(line -> line.contains("answered 401")).hasSizeGreaterThanOrEqualTo(2));
    String all = String.join("\n", lines());
    for (String secret : List.of(stack.apiKey, token, expired, wrongKey, issuedKey)) {
      assertThat(all).doesNotContain(secret);
      // nor its signature or secret part alone
      assertThat(all).doesNotContain(secret.substring(secret.length() - 20));
    }
  }

}
