package io.stocksync.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a JWT bearer token and finds the client it was issued to. With a JWKS URL the key set
 * is fetched at start, every refresh interval, and when a token names an unknown key id (at most
 * once per minimum interval); a failed fetch keeps the last good key set.
 *
 * <p>One instance per verticle: its timer and fetches run on that verticle's event loop.
 */
public final class JwtAuthenticator {

  private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);
  private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private final Vertx vertx;
  private final JwtConfig config;
  private final JwksClient jwks;
  private JWTAuth provider;
  private Set<String> keyIds = Set.of();
  private List<JsonObject> fetched = List.of();
  private long lastFetchNanos;
  private boolean fetchedOnce;
  private Future<Void> fetching;
  private long timer = -1;

  public JwtAuthenticator(Vertx vertx, JwtConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.jwks = config.jwksUrl() == null ? null : new JwksClient(vertx, config.jwksUrl());
    install(List.of());
  }

  /**
   * Fetches the key set once (when there is a URL) and schedules the refresh. Never fails: without
   * a key set, tokens are refused until a fetch succeeds.
   */
  public Future<Void> start() {
    if (jwks == null) {
      return Future.succeededFuture();
    }
    timer = vertx.setPeriodic(config.jwksRefresh().toMillis(), id -> refresh());
    return refresh();
  }

  public void stop() {
    vertx.cancelTimer(timer);
    if (jwks != null) {
      jwks.close();
    }
  }

  /** A bearer value shaped like a JWT (three base64url parts); API keys never are. */
  public static boolean looksLikeJwt(String bearer) {
    return bearer.startsWith("eyJ") && JWT.matcher(bearer).matches();
  }

  /** The client id the token was issued to, or empty when the token is not valid for this gateway. */
  public Future<Optional<String>> clientOf(String token) {
    String kid = keyIdOf(token);
    if (jwks != null && kid != null && !keyIds.contains(kid) && mayRefetch()) {
      // the provider may have rotated its keys: look again before refusing the token
      return refresh().compose(v -> verify(token));
    }
    return verify(token);
  }

  private Future<Optional<String>> verify(String token) {
    return provider.authenticate(new TokenCredentials(token))
      .map(user -> {
        var claims = user.principal();
        // the provider checks signature, expiry and issuer; the audience is checked again here on purpose
        // Vert.x checks exp only when present; an access token without one would never expire
        // (User.containsKey looks in the principal and in the attributes, where Vert.x keeps exp)
        if (!user.containsKey("exp") || !audienceMatches(claims.getValue("aud"))) {
          return Optional.<String>empty();
        }
        String client = claims.getString(config.clientClaim(), claims.getString("sub"));
        return Optional.ofNullable(client);
      })
      .otherwise(Optional.empty());
  }

  private boolean mayRefetch() {
    return fetching != null || !fetchedOnce
      || System.nanoTime() - lastFetchNanos >= config.jwksMinRefetch().toNanos();
  }

  /** One fetch at a time; requests that arrive meanwhile wait for the same one. */
  private Future<Void> refresh() {
    if (fetching != null) {
      return fetching;
    }
    lastFetchNanos = System.nanoTime();
    fetchedOnce = true;
    Future<Void> attempt = jwks.fetch()
      .map(keys -> {
        install(keys);
        return (Void) null;
      })
      .recover(e -> {
        LOG.warn("JWKS fetch from {} failed, keeping the {} keys of the last good fetch: {}", jwks.url(),
          fetched.size(), e.getMessage());
        return Future.succeededFuture();
      })
      .onComplete(ar -> fetching = null);
    // a fetch may complete at once (a failure before any I/O): then there is nothing to share
    if (!attempt.isComplete()) {
      fetching = attempt;
    }
    return attempt;
  }

  /** Builds the provider from the configured keys and the fetched ones; a set Vert.x refuses is not installed. */
  private void install(List<JsonObject> fetchedKeys) {
    JWTAuthOptions options = new JWTAuthOptions()
      .setJWTOptions(new JWTOptions().setIssuer(config.issuer()).addAudience(config.audience())
        .setLeeway(config.leewaySeconds()));
    for (String pem : config.publicKeysPem()) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithmOf(pem)).setBuffer(pem));
    }
    List<JsonObject> all = new ArrayList<>(config.jwks());
    all.addAll(fetchedKeys);
    all.forEach(options::addJwk);
    JWTAuth built = JWTAuth.create(vertx, options);
    Set<String> ids = new HashSet<>();
    all.forEach(key -> {
      if (key.getValue("kid") instanceof String id) {
        ids.add(id);
      }
    });
    provider = built;
    keyIds = Set.copyOf(ids);
    fetched = List.copyOf(fetchedKeys);
    if (jwks != null && !fetchedKeys.isEmpty()) {
      LOG.info("JWKS from {}: {} signing keys ({})", jwks.url(), fetchedKeys.size(), keyIds);
    }
  }

  /** The {@code kid} of the token's header, or null; the header is not trusted, only used to pick keys. */
  static String keyIdOf(String token) {
    try {
      String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
        StandardCharsets.UTF_8);
      return new JsonObject(header).getValue("kid") instanceof String kid ? kid : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private boolean audienceMatches(Object aud) {
    if (aud instanceof String single) {
      return single.equals(config.audience());
    }
    if (aud instanceof io.vertx.core.json.JsonArray many) {
      return many.contains(config.audience());
    }
    return false;
  }

  /** RSA keys verify RS256, EC keys ES256: what identity providers issue for client credentials. */
  static String algorithmOf(String pem) {
    byte[] der;
    try {
      der = java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("auth.jwt.public-key-file: not a PEM public key");
    }
    for (String[] candidate : new String[][] {{"RSA", "RS256"}, {"EC", "ES256"}}) {
      try {
        java.security.KeyFactory.getInstance(candidate[0]).generatePublic(new java.security.spec.X509EncodedKeySpec(der));
        return candidate[1];
      } catch (java.security.GeneralSecurityException e) {
        // try the next key type
      }
    }
    throw new IllegalArgumentException("auth.jwt.public-key-file: not an RSA or EC public key (PEM, SubjectPublicKeyInfo)");
  }
}
