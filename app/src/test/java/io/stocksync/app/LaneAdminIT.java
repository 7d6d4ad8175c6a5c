package io.stocksync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocksync.contracts.topology.Lane;
import io.stocksync.embedded.TestServices;
import io.stocksync.gateway.GatewayConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Lane limits turn a full lane into 503 for that lane only; operators see every lane's state. */
class LaneAdminIT {

  @Test
  void a_full_lane_answers_503_while_other_lanes_keep_accepting_and_the_admin_view_shows_it() {
    // lane lengths are enforced by RabbitMQ (reject-publish); the embedded broker declares none
    Assumptions.assumeTrue(TestServices.realRabbitMq(), TestServices.skipReasonWithoutRabbitMq());
    try (TestStack stack = TestStack.start(true, false, TestServices.broker(), true,
        GatewayConfig.DEFAULT_REQUEST_TIMEOUT, Map.of(Lane.CRITICAL, 3L))) {
      for (int i = 0; i < 3; i++) {
        assertThat(stack.postEvent(Events.shipment("wms-full", "S-" + i, "SKU-FULL", "DC-1", "1")).statusCode())
          .isEqualTo(202);
      }

      HttpResponse<String> full = stack.postEvent(Events.shipment("wms-full", "S-3", "SKU-FULL", "DC-1", "1"));
      HttpResponse<String> otherLane = stack.postEvent(Events.receipt("wms-full", "R-1", "SKU-FULL", "DC-1", "1"));

      assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
      assertThat(full.headers().firstValue("Retry-After")).hasValue("10");
      JsonObject problem = new JsonObject(full.body());
      assertThat(problem.getString("type")).isEqualTo("https://stocksync.io/problems/lane-full");
      assertThat(problem.getString("lane")).isEqualTo("critical");
      assertThat(problem.getString("detail")).contains("lane 'critical' is full");
      assertThat(otherLane.statusCode()).isEqualTo(202);

      HttpResponse<String> lanes = stack.get("/v1/admin/lanes");
      assertThat(lanes.statusCode()).isEqualTo(200);
      JsonArray list = new JsonObject(lanes.body()).getJsonArray("lanes");
      JsonObject critical = list.getJsonObject(0);
      assertThat(critical.getString("lane")).isEqualTo("critical");
      assertThat(critical.getLong("depth")).isEqualTo(3);
      assertThat(critical.getLong("maxLength")).isEqualTo(3);
      assertThat(critical.getInteger("consumers")).isZero();
      assertThat(critical.getJsonArray("routes").getJsonObject(0).getString("type")).isEqualTo("shipment");
      assertThat(critical.getJsonObject("publishing").getLong("confirmed")).isGreaterThanOrEqualTo(3);
      JsonObject recent = critical.getJsonObject("recent");
      assertThat(recent.getInteger("windowSeconds")).isEqualTo(60);
      assertThat(recent.getLong("published")).isEqualTo(4);
      assertThat(recent.getLong("confirmed")).isEqualTo(3);
      assertThat(recent.getLong("rejected")).isEqualTo(1);
      assertThat(recent.getLong("laneFull")).isEqualTo(1);
      assertThat(recent.getDouble("publishedPerSecond")).isPositive();
      assertThat(list.getJsonObject(1).getLong("depth")).isEqualTo(1);
      assertThat(list.getJsonObject(1).getJsonObject("recent").getLong("laneFull")).isZero();
    }
  }

  @Test
  void the_admin_view_lists_every_lane_with_its_routes_and_depth() {
    try (TestStack stack = TestStack.start(true, false)) {
      assertThat(stack.postEvent(Events.receipt("wms-view", "V-1", "SKU-VIEW", "DC-1", "1")).statusCode()).isEqualTo(202);

      JsonArray lanes = new JsonObject(stack.get("/v1/admin/lanes").body()).getJsonArray("lanes");

      assertThat(lanes.stream().map(l -> ((JsonObject) l).getString("lane"))).containsExactly("critical", "standard", "bulk");
      JsonObject standard = lanes.getJsonObject(1);
      assertThat(standard.getLong("depth")).isEqualTo(1);
      assertThat(standard.getJsonArray("routes").stream().map(r -> ((JsonObject) r).getString("type")))
        .containsExactlyInAnyOrder("receipt", "adjustment", "transfer-out", "transfer-in", "return", "status-change");
      assertThat(standard.getString("queue")).isEqualTo(stack.topology.laneQueue(Lane.STANDARD));
      assertThat(standard.getJsonObject("recent").getLong("published")).isEqualTo(1);
      assertThat(standard.getJsonObject("recent").getLong("confirmed")).isEqualTo(1);
      assertThat(standard.getJsonObject("recent").getDouble("confirmedPerSecond")).isPositive();
      assertThat(lanes.getJsonObject(0).getJsonObject("recent").getLong("published")).isZero();
    }
  }
}
