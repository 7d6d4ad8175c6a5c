package io.stocksync.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validates a JWT bearer token and finds the client it was issued to. */
public final class JwtAuthenticator {

  private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private final JWTAuth provider;
  private final JwtConfig config;

  public JwtAuthenticator(Vertx vertx, JwtConfig config) {
    this.config = config;
    JWTAuthOptions options = new JWTAuthOptions()
      .setJWTOptions(new JWTOptions().setIssuer(config.issuer()).addAudience(config.audience())
        .setLeeway(config.leewaySeconds()));
    for (String pem : config.publicKeysPem()) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithmOf(pem)).setBuffer(pem));
    }
    config.jwks().forEach(options::addJwk);
    this.provider = JWTAuth.create(vertx, options);
  }

  /** A bearer value shaped like a JWT (three base64url parts); API keys never are. */
  public static boolean looksLikeJwt(String bearer) {
    return bearer.startsWith("eyJ") && JWT.matcher(bearer).matches();
  }

  /** The client id the token was issued to, or empty when the token is not valid for this gateway. */
  public Future<Optional<String>> clientOf(String token) {
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
