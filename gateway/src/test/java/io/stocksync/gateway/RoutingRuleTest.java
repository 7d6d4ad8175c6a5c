package io.stocksync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocksync.contracts.event.EventType;
import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.Scope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingRuleTest {

  static final ApiClient PARTNER = client("3pl-north", ClientClass.PARTNER);
  static final ApiClient WMS = client("wms-east", ClientClass.WMS);

  static ApiClient client(String id, ClientClass clientClass) {
    return new ApiClient(id, null, clientClass, Set.of(Scope.EVENTS_WRITE), Set.of(), Set.of(), null, null, false);
  }

  static InventoryEvent.Builder event(EventType type) {
    return InventoryEvent.builder().transactionId(UUID.randomUUID()).type(type).source("wms-east")
      .transactionKey("K-1").occurredAt(Instant.EPOCH).receivedAt(Instant.EPOCH).sku("SKU-1").location("DC-1")
      .quantity(BigDecimal.ONE).unit("EA");
  }

  static LaneRouting routing(String rules) {
    return LaneRouting.defaults().withRules(RoutingRule.parseAll(rules));
  }

  @Test
  void a_rule_on_client_class_and_type_moves_only_those_events() {
    LaneRouting routing = routing("client-class=partner,type=receipt -> bulk:2");

    assertThat(routing.route(event(EventType.RECEIPT).build(), PARTNER)).isEqualTo(new LaneRouting.Route(Lane.BULK, 2));
    assertThat(routing.route(event(EventType.RECEIPT).build(), WMS)).isEqualTo(new LaneRouting.Route(Lane.STANDARD, 5));
    assertThat(routing.route(event(EventType.SHIPMENT).build(), PARTNER))
      .isEqualTo(new LaneRouting.Route(Lane.CRITICAL, 7));
  }

  @Test
  void the_first_matching_rule_wins() {
    LaneRouting routing = routing("location=DC-ECOM -> critical:9; type=receipt -> bulk:1");

    assertThat(routing.route(event(EventType.RECEIPT).location("DC-ECOM").build(), WMS))
      .isEqualTo(new LaneRouting.Route(Lane.CRITICAL, 9));
    assertThat(routing.route(event(EventType.RECEIPT).build(), WMS)).isEqualTo(new LaneRouting.Route(Lane.BULK, 1));
  }

  @Test
  void a_rule_without_priority_keeps_the_priority_of_the_type() {
    LaneRouting routing = LaneRouting.withOverrides(Map.of(EventType.ADJUSTMENT, "standard:3"))
      .withRules(RoutingRule.parseAll("source=erp-sync -> bulk"));

    assertThat(routing.route(event(EventType.ADJUSTMENT).source("erp-sync").build(), WMS))
      .isEqualTo(new LaneRouting.Route(Lane.BULK, 3));
  }

  @Test
  void any_of_several_values_matches_and_every_condition_must_hold() {
    LaneRouting routing = routing("type=pick|shipment,location=DC-1|DC-2,client=wms-east -> bulk:4");

    assertThat(routing.route(event(EventType.PICK).location("DC-2").build(), WMS).lane()).isEqualTo(Lane.BULK);
    assertThat(routing.route(event(EventType.SHIPMENT).build(), WMS).lane()).isEqualTo(Lane.BULK);
    assertThat(routing.route(event(EventType.SHIPMENT).location("DC-3").build(), WMS).lane()).isEqualTo(Lane.CRITICAL);
    assertThat(routing.route(event(EventType.SHIPMENT).build(), client("wms-west", ClientClass.WMS)).lane())
      .isEqualTo(Lane.CRITICAL);
  }

  @Test
  void reason_codes_and_extension_attributes_match_by_value() {
    LaneRouting routing = routing("reason-code=CYCLE -> bulk:1; extension.acme:rush=true -> critical:9; "
      + "extension.acme:wave=5 -> critical:8; extension.acme:door=* -> standard:2");

    assertThat(routing.route(event(EventType.ADJUSTMENT).reasonCode("CYCLE").build(), WMS))
      .isEqualTo(new LaneRouting.Route(Lane.BULK, 1));
    assertThat(routing.route(event(EventType.ADJUSTMENT).reasonCode("DAMAGE").build(), WMS).lane())
      .isEqualTo(Lane.STANDARD);
    assertThat(routing.route(event(EventType.RECEIPT).extension("acme:rush", Boolean.TRUE).build(), WMS))
      .isEqualTo(new LaneRouting.Route(Lane.CRITICAL, 9));
    assertThat(routing.route(event(EventType.RECEIPT).extension("acme:rush", Boolean.FALSE).build(), WMS).priority())
      .isEqualTo(5);
    assertThat(routing.route(event(EventType.RECEIPT).extension("acme:wave", new BigDecimal("5.00")).build(), WMS))
      .isEqualTo(new LaneRouting.Route(Lane.CRITICAL, 8));
    assertThat(routing.route(event(EventType.RECEIPT).extension("acme:door", "D7").build(), WMS))
      .isEqualTo(new LaneRouting.Route(Lane.STANDARD, 2));
  }

  @Test
  void the_json_form_of_a_yaml_list_reads_like_the_text_form() {
    LaneRouting routing = routing("""
      [{"client-class":"partner","type":["receipt","return"],"lane":"bulk","priority":2},
       {"extension.acme:wave":5,"lane":"critical"}]
      """);

    assertThat(routing.route(event(EventType.RETURN).build(), PARTNER)).isEqualTo(new LaneRouting.Route(Lane.BULK, 2));
    assertThat(routing.route(event(EventType.PICK).extension("acme:wave", new BigDecimal("5")).build(), WMS))
      .isEqualTo(new LaneRouting.Route(Lane.CRITICAL, 6));
    assertThat(routing.rules().get(0).describeMatch().getJsonArray("type").getList())
      .containsExactly("receipt", "return");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    unknown field       | type=receipt -> bulk; colour=red -> bulk                 | routing.rules[1].colour: unknown field 'colour'
    unknown lane        | type=receipt -> fast:2                                   | routing.rules[0].lane: unknown lane 'fast'
    priority too high   | type=receipt -> bulk:12                                  | routing.rules[0].priority must be a whole number from 0 to 9
    priority not number | type=receipt -> bulk:high                               | routing.rules[0].priority: must be a whole number
    unknown type        | type=teleport -> bulk                                    | routing.rules[0].type: unknown event type 'teleport'
    unknown class       | client-class=robot -> bulk                               | routing.rules[0].client-class: unknown client class 'robot'
    no condition        | -> bulk                                                  | routing.rules[0] has no condition
    no arrow            | type=receipt bulk                                        | routing.rules[0] must read
    empty value         | location= -> bulk                                        | routing.rules[0].location has an empty value
    no lane in JSON     | [{"type":"receipt"}]                                     | routing.rules[0] needs a lane
    not a list          | [{"type":"receipt","lane":"bulk"},"x"]                   | routing.rules[1] must be a mapping
    """)
  void a_bad_rule_is_refused_naming_its_key(String name, String rules, String message) {
    assertThatThrownBy(() -> RoutingRule.parseAll(rules))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining(message);
  }
}
