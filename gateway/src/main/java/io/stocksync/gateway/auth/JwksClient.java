package io.stocksync.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Fetches an identity provider's JSON Web Key Set over HTTP, without blocking. */
final class JwksClient {

  private static final long TIMEOUT_MS = 5_000;
  /** A key set is a few kilobytes; anything much larger is not one. */
  private static final int MAX_BYTES = 1 << 20;

  private final WebClient web;
  private final URI url;

  JwksClient(Vertx vertx, URI url) {
    this.web = WebClient.create(vertx, new WebClientOptions().setUserAgent("stocksync-gateway")
      .setConnectTimeout((int) TIMEOUT_MS));
    this.url = url;
  }

  URI url() {
    return url;
  }

  /** The signing keys of the set; fails when the answer is not a usable JWKS. */
  Future<List<JsonObject>> fetch() {
    return web.getAbs(url.toString())
      .putHeader("Accept", "application/jwk-set+json, application/json")
      .timeout(TIMEOUT_MS)
      .send()
      .map(response -> {
        if (response.statusCode() != 200) {
          throw new IllegalStateException("answered HTTP " + response.statusCode());
        }
        if (response.body() == null || response.body().length() > MAX_BYTES) {
          throw new IllegalStateException("the answer is empty or larger than " + MAX_BYTES + " bytes");
        }
        return signingKeys(response.bodyAsJsonObject());
      });
  }

  /** Keys meant for signatures (no {@code use}, or {@code use: sig}) of a type Vert.x verifies. */
  static List<JsonObject> signingKeys(JsonObject set) {
    if (set == null || !(set.getValue("keys") instanceof io.vertx.core.json.JsonArray keys)) {
      throw new IllegalStateException("the answer is not a JSON Web Key Set ({\"keys\": [...]})");
    }
    List<JsonObject> usable = new ArrayList<>();
    for (Object key : keys) {
      if (key instanceof JsonObject jwk && ("RSA".equals(jwk.getValue("kty")) || "EC".equals(jwk.getValue("kty")))
        && "sig".equals(jwk.getValue("use", "sig"))) {
        usable.add(withAlgorithm(jwk.copy()));
      }
    }
    if (usable.isEmpty()) {
      throw new IllegalStateException("the key set holds no RSA or EC signing key");
    }
    return usable;
  }

  /** Many providers leave out {@code alg}; Vert.x needs it to pick the verifier. */
  private static JsonObject withAlgorithm(JsonObject jwk) {
    if (jwk.getValue("alg") == null) {
      jwk.put("alg", "RSA".equals(jwk.getValue("kty")) ? "RS256" : switch (String.valueOf(jwk.getValue("crv"))) {
        case "P-384" -> "ES384";
        case "P-521" -> "ES512";
        default -> "ES256";
      });
    }
    return jwk;
  }

  void close() {
    web.close();
  }
}
