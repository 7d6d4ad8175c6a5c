package io.stocksync.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A gateway whose only keys come from a JWKS URL that does not answer. */
class JwtAuthenticatorTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void starts_without_keys_when_the_provider_is_down_and_refuses_tokens() throws Exception {
    // port 1 (tcpmux): nothing listens there, and no other process takes it meanwhile
    int closedPort = 1;
    JwtConfig config = new JwtConfig("https://idp.example.test/", "stocksync", List.of(), List.of(), "client_id", 0,
      URI.create("http://127.0.0.1:" + closedPort + "/jwks"), Duration.ofHours(1), Duration.ZERO);
    // a token shaped like one, with a kid the gateway does not know: it asks the provider again first
    String token = "eyJhbGciOiJSUzI1NiIsImtpZCI6Im5ldy0xIn0.eyJzdWIiOiJ4In0.c2ln";

    // run on a Vert.x context, as the gateway verticle does (its timer and fetches need one)
    var outcome = vertx.getOrCreateContext().<java.util.Optional<String>>executeBlocking(() -> null)
      .compose(v -> {
        JwtAuthenticator jwt = new JwtAuthenticator(vertx, config);
        return jwt.start().compose(started -> jwt.clientOf(token)).onComplete(ar -> jwt.stop());
      })
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(outcome).isEmpty();
  }
}
