package io.stocksync.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.stocksync.contracts.log.LogContext;
import io.stocksync.gateway.ProblemException;
import io.stocksync.gateway.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Authenticates every API request by its key ({@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}) and puts the {@link ApiClient} on the context. Lookups are cached for
 * a short time, so a revoked key or a changed client takes effect within {@link #CACHE_TTL} on
 * every replica; a change made through this process's admin API empties the caches of this
 * process at once ({@link #announceChange}).
 *
 * <p>One instance per verticle: cached futures complete on this verticle's context.
 */
public final class AuthenticationHandler implements Handler<RoutingContext> {

  public static final int CACHE_SECONDS = 30;
  public static final Duration CACHE_TTL = Duration.ofSeconds(CACHE_SECONDS);
  /** Local event-bus address: a client or key changed, drop cached lookups. */
  public static final String CLIENTS_CHANGED = "stocksync.gateway.clients-changed";
  static final String CLIENT = "stocksync.client";
  static final String KEY_ID = "stocksync.keyId";

  private final ClientRepository clients;
  private final JwtAuthenticator jwt;
  private final Cache<String, Future<Optional<ApiClient>>> clientsById = Caffeine.newBuilder()
    .maximumSize(10_000)
    .expireAfterWrite(CACHE_TTL)
    .build();
  private final Cache<String, Future<Optional<ClientRepository.Authenticated>>> cache = Caffeine.newBuilder()
    .maximumSize(10_000)
    .expireAfterWrite(CACHE_TTL)
    .build();

  /** With {@code jwt} null, only API keys are accepted. */
  public AuthenticationHandler(Vertx vertx, ClientRepository clients, JwtAuthenticator jwt) {
    this.clients = clients;
    this.jwt = jwt;
    // registered on the verticle's context, so it goes away with the verticle
    vertx.eventBus().<String>localConsumer(CLIENTS_CHANGED, message -> {
      cache.invalidateAll();
      clientsById.invalidateAll();
    });
  }

  /** Tells every gateway verticle of this process that a client or one of its keys changed. */
  public static void announceChange(Vertx vertx, String clientId) {
    vertx.eventBus().publish(CLIENTS_CHANGED, clientId);
  }

  public static ApiClient client(RoutingContext ctx) {
    return ctx.get(CLIENT);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String key = presentedKey(ctx);
    if (key == null) {
      ctx.fail(unauthorized("send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"
        + (jwt == null ? "" : ", or an access token as 'Authorization: Bearer <jwt>'")));
      return;
    }
    if (jwt != null && JwtAuthenticator.looksLikeJwt(key)) {
      authenticateToken(ctx, key);
      return;
    }
    byte[] hash = ApiKeys.hash(key);
    String cacheKey = HexFormat.of().formatHex(hash);
    Future<Optional<ClientRepository.Authenticated>> lookup = cache.get(cacheKey, k -> clients.authenticate(hash));
    lookup.onComplete(ar -> {
      if (ar.failed()) {
        cache.invalidate(cacheKey);
        ctx.fail(new ProblemException(ProblemType.DATABASE_UNAVAILABLE,
          "credentials cannot be checked right now: " + ar.cause().getMessage(), null, 5));
      } else if (ar.result().isEmpty() || !ApiKeys.matches(ar.result().get().keyHash(), hash)) {
        ctx.fail(unauthorized("the API key is not valid (unknown or revoked)"));
      } else if (ar.result().get().client().disabled()) {
        ctx.fail(disabled(ar.result().get().client()));
      } else {
        ctx.put(CLIENT, ar.result().get().client());
        ctx.put(KEY_ID, ar.result().get().keyId());
        LogContext.put(LogContext.CLIENT, ar.result().get().client().id());
        ctx.next();
      }
    });
  }

  private void authenticateToken(RoutingContext ctx, String token) {
    jwt.clientOf(token)
      .compose(clientId -> clientId.isEmpty()
        ? Future.succeededFuture(Optional.<ApiClient>empty())
        : clientsById.get(clientId.get(), id -> clients.find(id).onFailure(e -> clientsById.invalidate(id))))
      .onComplete(ar -> {
        if (ar.failed()) {
          ctx.fail(new ProblemException(ProblemType.DATABASE_UNAVAILABLE,
            "credentials cannot be checked right now: " + ar.cause().getMessage(), null, 5));
        } else if (ar.result().isEmpty()) {
          ctx.fail(unauthorized("the access token is not valid here (signature, issuer, audience or expiry), "
            + "or it names no active client"));
        } else if (ar.result().get().disabled()) {
          ctx.fail(disabled(ar.result().get()));
        } else {
          ctx.put(CLIENT, ar.result().get());
          LogContext.put(LogContext.CLIENT, ar.result().get().id());
          ctx.next();
        }
      });
  }

  /** A route guard: the authenticated client must hold the scope. */
  public static Handler<RoutingContext> require(Scope scope) {
    return ctx -> {
      ApiClient client = client(ctx);
      if (client == null || !client.has(scope)) {
        ctx.fail(new ProblemException(ProblemType.FORBIDDEN, "client '" + (client == null ? "?" : client.id())
          + "' lacks the scope '" + scope.wireName() + "' this request needs"));
        return;
      }
      ctx.next();
    };
  }

  private static String presentedKey(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = authorization.substring(7).trim();
      return key.isEmpty() ? null : key;
    }
    String apiKey = ctx.request().getHeader("X-API-Key");
    return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
  }

  private static ProblemException disabled(ApiClient client) {
    return new ProblemException(ProblemType.FORBIDDEN, "client '" + client.id()
      + "' is disabled; an administrator can enable it again (POST /v1/admin/clients/" + client.id() + "/enable)");
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(ProblemType.UNAUTHORIZED, detail);
  }
}
