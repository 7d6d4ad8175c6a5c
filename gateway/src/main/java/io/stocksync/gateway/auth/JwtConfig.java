package io.stocksync.gateway.auth;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * OAuth2 client-credentials access tokens (JWT) validated locally: the signature against the
 * configured public keys (PEM) or JSON Web Keys, then issuer, audience and expiry. The claim named
 * by {@code clientClaim} (then {@code sub}) names the stocksync client, whose scopes and limits
 * apply as for an API key.
 */
public record JwtConfig(String issuer, String audience, List<String> publicKeysPem, List<JsonObject> jwks,
                        String clientClaim, int leewaySeconds) {

  public JwtConfig {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("auth.jwt.issuer is required when JWT bearer tokens are enabled");
    }
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("auth.jwt.audience is required when JWT bearer tokens are enabled");
    }
    publicKeysPem = publicKeysPem == null ? List.of() : List.copyOf(publicKeysPem);
    jwks = jwks == null ? List.of() : List.copyOf(jwks);
    if (publicKeysPem.isEmpty() && jwks.isEmpty()) {
      throw new IllegalArgumentException("auth.jwt needs auth.jwt.public-key-file or auth.jwt.jwks-file to check signatures");
    }
    clientClaim = clientClaim == null || clientClaim.isBlank() ? "client_id" : clientClaim;
    if (leewaySeconds < 0 || leewaySeconds > 300) {
      throw new IllegalArgumentException("auth.jwt.leeway-seconds must be between 0 and 300");
    }
    Objects.requireNonNull(issuer);
  }
}
