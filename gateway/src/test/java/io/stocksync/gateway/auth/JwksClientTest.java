package io.stocksync.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Which keys of a fetched JSON Web Key Set the gateway uses. */
class JwksClientTest {

  private static JsonObject rsa(String kid) {
    return new JsonObject().put("kty", "RSA").put("kid", kid).put("n", "sXch").put("e", "AQAB");
  }

  @Test
  void keeps_signing_keys_and_names_the_algorithm_a_provider_left_out() {
    JsonObject set = new JsonObject().put("keys", new JsonArray()
      .add(rsa("sig-1").put("use", "sig").put("alg", "RS256"))
      .add(rsa("no-alg"))
      .add(rsa("enc-1").put("use", "enc"))
      .add(new JsonObject().put("kty", "EC").put("kid", "ec-384").put("crv", "P-384").put("x", "a").put("y", "b"))
      .add(new JsonObject().put("kty", "oct").put("kid", "hmac").put("k", "c2VjcmV0")));

    var keys = JwksClient.signingKeys(set);

    assertThat(keys).extracting(k -> k.getString("kid")).containsExactly("sig-1", "no-alg", "ec-384");
    assertThat(keys).extracting(k -> k.getString("alg")).containsExactly("RS256", "RS256", "ES384");
  }

  @Test
  void refuses_an_answer_that_is_not_a_key_set_or_holds_no_signing_key() {
    assertThatThrownBy(() -> JwksClient.signingKeys(new JsonObject().put("issuer", "x")))
      .hasMessageContaining("not a JSON Web Key Set");
    assertThatThrownBy(() -> JwksClient.signingKeys(new JsonObject().put("keys",
      new JsonArray().add(rsa("enc").put("use", "enc")))))
      .hasMessageContaining("no RSA or EC signing key");
  }

  @Test
  void reads_the_key_id_of_a_token_header_and_nothing_from_garbage() {
    String header = java.util.Base64.getUrlEncoder().withoutPadding()
      .encodeToString("{\"alg\":\"RS256\",\"kid\":\"idp-7\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(JwtAuthenticator.keyIdOf(header + ".e30.sig")).isEqualTo("idp-7");
    assertThat(JwtAuthenticator.keyIdOf("eyJub3QganNvbg.e30.sig")).isNull();
    assertThat(JwtAuthenticator.keyIdOf("no-dots")).isNull();
  }
}
