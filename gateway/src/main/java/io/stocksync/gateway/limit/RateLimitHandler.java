package io.stocksync.gateway.limit;

import io.stocksync.gateway.ProblemException;
import io.stocksync.gateway.ProblemType;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.AuthenticationHandler;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a request against its client's bucket and reports the state in the IETF
 * {@code RateLimit-Policy} and {@code RateLimit} fields; over the limit it answers 429 with
 * {@code Retry-After}. A client in shadow mode is let through and logged.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimitHandler.class);

  private final ClientRateLimiter limiter;

  public RateLimitHandler(ClientRateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ApiClient client = AuthenticationHandler.client(ctx);
    ClientRateLimiter.Decision decision = limiter.tryAcquire(client, 1);
    ctx.response()
      .putHeader("RateLimit-Policy", "\"client\";q=" + decision.limit() + ";w=" + decision.windowSeconds())
      .putHeader("RateLimit", "\"client\";r=" + decision.remaining() + ";t=" + decision.retryAfterSeconds());
    if (decision.shadowed()) {
      LOG.info("client {} is over its limit ({} per s, burst {}) but in shadow mode: admitted", client.id(),
        client.effectiveRate(), client.effectiveBurst());
    }
    if (!decision.allowed()) {
      ctx.fail(new ProblemException(ProblemType.RATE_LIMITED,
        "client '" + client.id() + "' is limited to " + client.effectiveRate() + " requests per second with bursts of "
          + client.effectiveBurst() + "; retry after " + decision.retryAfterSeconds() + " s",
        new JsonObject().put("limit", client.effectiveRate()).put("burst", client.effectiveBurst()),
        (int) decision.retryAfterSeconds()));
      return;
    }
    ctx.next();
  }
}
