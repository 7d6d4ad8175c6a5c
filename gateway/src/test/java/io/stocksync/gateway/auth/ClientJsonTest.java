package io.stocksync.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A merge patch of a client, as PATCH /v1/admin/clients/{id} and `clients update` apply it. */
class ClientJsonTest {

  private final ApiClient partner = new ApiClient("partner-3pl", "3PL East", ClientClass.PARTNER,
    Set.of(Scope.EVENTS_WRITE), Set.of("receipt"), Set.of("DC-EAST"), 5, 10, true, true);

  @Test
  void replaces_what_is_sent_and_keeps_the_rest() {
    ApiClient changed = ClientJson.merge(partner, new JsonObject()
      .put("locations", new io.vertx.core.json.JsonArray().add("DC-EAST").add("DC-WEST"))
      .putNull("ratePerSecond")
      .put("shadowLimit", false));

    assertThat(changed.locations()).containsExactlyInAnyOrder("DC-EAST", "DC-WEST");
    assertThat(changed.effectiveRate()).isEqualTo(ClientClass.PARTNER.defaultRatePerSecond());
    assertThat(changed.effectiveBurst()).isEqualTo(10);
    assertThat(changed.shadowLimit()).isFalse();
    assertThat(changed.eventTypes()).containsExactly("receipt");
    assertThat(changed.name()).isEqualTo("3PL East");
    assertThat(changed.disabled()).as("only …/enable enables").isTrue();
  }

  @Test
  void refuses_a_new_id_unknown_members_and_bad_values() {
    assertThatThrownBy(() -> ClientJson.merge(partner, new JsonObject().put("id", "other")))
      .hasMessageContaining("/id cannot be changed");
    assertThatThrownBy(() -> ClientJson.merge(partner, new JsonObject().put("disabled", true)))
      .hasMessageContaining("/disabled is not a known member").hasMessageContaining("…/disable");
    assertThatThrownBy(() -> ClientJson.merge(partner, new JsonObject().put("scopes", new io.vertx.core.json.JsonArray())))
      .hasMessageContaining("at least one scope");
    assertThatThrownBy(() -> ClientJson.merge(partner, new JsonObject().put("shadowLimit", "yes")))
      .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientJson.merge(partner, new JsonObject().putNull("shadowLimit")))
      .hasMessageContaining("/shadowLimit must be true or false");
  }
}
