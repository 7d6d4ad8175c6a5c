package io.stocksync.gateway.auth;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * OAuth2 client-credentials access tokens (JWT) validated locally: the signature against the
 * configured public keys (PEM), JSON Web Keys (a file) or a JWKS fetched from {@code jwksUrl}, then
 * issuer, audience and expiry. The claim named by {@code clientClaim} (then {@code sub}) names the
 * stocksync client, whose scopes and limits apply as for an API key.
 *
 * <p>A fetched JWKS is refreshed every {@code jwksRefresh}, and sooner when a token names a key id
 * the gateway does not know, at most once per {@code jwksMinRefetch}.
 */
public record JwtConfig(String issuer, String audience, List<String> publicKeysPem, List<JsonObject> jwks,
                        String clientClaim, int leewaySeconds, URI jwksUrl, Duration jwksRefresh,
                        Duration jwksMinRefetch) {

  public static final Duration DEFAULT_JWKS_REFRESH = Duration.ofMinutes(5);
  public static final Duration DEFAULT_JWKS_MIN_REFETCH = Duration.ofSeconds(30);

  public JwtConfig {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("auth.jwt.issuer is required when JWT bearer tokens are enabled");
    }
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("auth.jwt.audience is required when JWT bearer tokens are enabled");
    }
    publicKeysPem = publicKeysPem == null ? List.of() : List.copyOf(publicKeysPem);
    jwks = jwks == null ? List.of() : List.copyOf(jwks);
    if (publicKeysPem.isEmpty() && jwks.isEmpty() && jwksUrl == null) {
      throw new IllegalArgumentException(
        "auth.jwt needs auth.jwt.public-key-file, auth.jwt.jwks-file or auth.jwt.jwks-url to check signatures");
    }
    if (jwksUrl != null && (!jwksUrl.isAbsolute() || jwksUrl.getHost() == null
      || !("https".equalsIgnoreCase(jwksUrl.getScheme()) || "http".equalsIgnoreCase(jwksUrl.getScheme())))) {
      throw new IllegalArgumentException("auth.jwt.jwks-url must be an absolute http or https URL, was '" + jwksUrl + "'");
    }
    clientClaim = clientClaim == null || clientClaim.isBlank() ? "client_id" : clientClaim;
    if (leewaySeconds < 0 || leewaySeconds > 300) {
      throw new IllegalArgumentException("auth.jwt.leeway-seconds must be between 0 and 300");
    }
    jwksRefresh = jwksRefresh == null ? DEFAULT_JWKS_REFRESH : jwksRefresh;
    if (jwksRefresh.compareTo(Duration.ofSeconds(1)) < 0 || jwksRefresh.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("auth.jwt.jwks-refresh-seconds must be between 1 and 86400");
    }
    jwksMinRefetch = jwksMinRefetch == null ? DEFAULT_JWKS_MIN_REFETCH : jwksMinRefetch;
    if (jwksMinRefetch.isNegative() || jwksMinRefetch.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("auth.jwt.jwks-min-refetch-seconds must be between 0 and 3600");
    }
    Objects.requireNonNull(issuer);
  }

  /** Keys from files only, nothing fetched. */
  public JwtConfig(String issuer, String audience, List<String> publicKeysPem, List<JsonObject> jwks,
      String clientClaim, int leewaySeconds) {
    this(issuer, audience, publicKeysPem, jwks, clientClaim, leewaySeconds, null, null, null);
  }
}
