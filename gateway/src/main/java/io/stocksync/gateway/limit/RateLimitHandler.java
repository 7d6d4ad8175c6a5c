package io.stocksync.gateway.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.stocksync.gateway.GatewayMetrics;
import io.stocksync.gateway.ProblemException;
import io.stocksync.gateway.ProblemType;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.AuthenticationHandler;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a request against its client's bucket and reports the state in the IETF
 * {@code RateLimit-Policy} and {@code RateLimit} fields; over the limit it answers 429 with
 * {@code Retry-After}. A client in shadow mode is let through, counted
 * ({@code stocksync_gateway_rate_limit_shadow_exceeded_total}) and logged at most once a minute.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimitHandler.class);

  static final Duration SHADOW_LOG_INTERVAL = Duration.ofMinutes(1);

  private final ClientRateLimiter limiter;
  private final GatewayMetrics metrics;
  /** Clients whose shadow-mode excess was logged within the last interval. */
  private final Cache<String, Boolean> shadowLogged = Caffeine.newBuilder()
    .maximumSize(10_000)
    .expireAfterWrite(SHADOW_LOG_INTERVAL)
    .build();

  public RateLimitHandler(ClientRateLimiter limiter, GatewayMetrics metrics) {
    this.limiter = limiter;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ApiClient client = AuthenticationHandler.client(ctx);
    ClientRateLimiter.Decision decision = limiter.tryAcquire(client, 1);
    ctx.response()
      .putHeader("RateLimit-Policy", "\"client\";q=" + decision.limit() + ";w=" + decision.windowSeconds())
      .putHeader("RateLimit", "\"client\";r=" + decision.remaining() + ";t=" + decision.retryAfterSeconds());
    if (decision.shadowed()) {
      shadowed(client);
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

  /** Counts every shadowed request; logs one line per client and minute, however many there are. */
  public void shadowed(ApiClient client) {
    metrics.shadowExceeded(client.id());
    if (shadowLogged.asMap().putIfAbsent(client.id(), Boolean.TRUE) == null) {
      LOG.info("client {} is over its limit ({} per s, burst {}) but in shadow mode: admitted (logged at most once a "
        + "minute; stocksync_gateway_rate_limit_shadow_exceeded_total counts each request)", client.id(),
        client.effectiveRate(), client.effectiveBurst());
    }
  }
}
