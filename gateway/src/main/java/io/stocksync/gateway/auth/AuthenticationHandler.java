package io.stocksync.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.stocksync.gateway.ProblemException;
import io.stocksync.gateway.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Authenticates every API request by its key ({@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}) and puts the {@link ApiClient} on the context. Lookups are cached for
 * a short time, so a revoked key stops working within {@link #CACHE_TTL} on every replica.
 *
 * <p>One instance per verticle: cached futures complete on this verticle's context.
 */
public final class AuthenticationHandler implements Handler<RoutingContext> {

  public static final Duration CACHE_TTL = Duration.ofSeconds(30);
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
  public AuthenticationHandler(ClientRepository clients, JwtAuthenticator jwt) {
    this.clients = clients;
    this.jwt = jwt;
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
        ctx.fail(unauthorized("the API key is not valid (unknown, revoked, or its client is disabled)"));
      } else {
        ctx.put(CLIENT, ar.result().get().client());
        ctx.put(KEY_ID, ar.result().get().keyId());
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
        } else {
          ctx.put(CLIENT, ar.result().get());
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

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(ProblemType.UNAUTHORIZED, detail);
  }
}
