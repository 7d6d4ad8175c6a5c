package io.stocksync.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventContractTest {

  static final String RECEIPT = """
    {"type":"receipt","source":"wms-east","transactionKey":"RCV-1","occurredAt":"2026-12-03T10:15:00+01:00",
     "item":{"sku":"SKU-1001","gtin":"04012345678901"},"location":"DC-EAST","bin":"A-01","lot":"L7",
     "quantity":24.50,"unit":"EA","references":{"purchaseOrder":"PO-9"}}
    """;

  private final EventContract contract = EventContract.load();

  @Test
  void an_empty_or_blank_ndjson_batch_has_no_items() {
    assertThat(contract.parseBatch(null, true)).isEmpty();
    assertThat(contract.parseBatch(new byte[0], true)).isEmpty();
    assertThat(contract.parseBatch(bytes("\n \n\t\n"), true)).isEmpty();
    assertThat(contract.parseBatch(bytes("[]"), false)).isEmpty();
  }

  @Test
  void reads_a_valid_receipt_into_the_canonical_record() {
    UUID txn = UUID.randomUUID();
    Instant now = Instant.parse("2026-12-03T09:20:00Z");
    InventoryEvent event = contract.read(bytes(RECEIPT), txn, now);

    assertThat(event.type()).isEqualTo(EventType.RECEIPT);
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-03T09:15:00Z"));
    assertThat(event.quantity()).isEqualByComparingTo(new BigDecimal("24.5"));
    assertThat(event.item()).isEqualTo(new ItemRef("SKU-1001", "04012345678901", null));
    assertThat(event.references()).containsEntry("purchaseOrder", "PO-9");
    assertThat(event.transactionId()).isEqualTo(txn);
  }

  @Test
  void keeps_decimal_quantities_exact_through_the_lane_codec() {
    String body = RECEIPT.replace("24.50", "0.1");
    InventoryEvent event = contract.read(bytes(body), UUID.randomUUID(), Instant.now());
    LaneMessageCodec codec = new LaneMessageCodec();

    InventoryEvent back = codec.decode(codec.encode(event));

    assertThat(back).isEqualTo(event);
    assertThat(back.quantity().toPlainString()).isEqualTo("0.1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    empty item                      | "item":{"sku":"SKU-1001","gtin":"04012345678901"} | "item":{}                     | /item
    quantity as string              | "quantity":24.50                                  | "quantity":"24.5"             | /quantity
    negative receipt                | "quantity":24.50                                  | "quantity":-3                 | /quantity
    too many decimals               | "quantity":24.50                                  | "quantity":1.1234567          | /quantity
    unknown type                    | "type":"receipt"                                  | "type":"teleport"             | /type
    unknown property                | "unit":"EA"                                       | "unit":"EA","colour":"red"    | /colour
    bad unit code                   | "unit":"EA"                                       | "unit":"each"                 | /unit
    timestamp without offset        | "2026-12-03T10:15:00+01:00"                       | "2026-12-03T10:15:00"         | /occurredAt
    """)
  void names_the_field_that_breaks_the_contract(String name, String from, String to, String pointer) {
    String body = RECEIPT.replace(from, to);
    assertThat(body).isNotEqualTo(RECEIPT);

    assertThatThrownBy(() -> contract.read(bytes(body), UUID.randomUUID(), Instant.now()))
      .isInstanceOfSatisfying(InvalidEventException.class,
        e -> assertThat(e.violations()).extracting(Violation::pointer).contains(pointer));
  }

  @Test
  void lists_every_missing_required_field() {
    assertThatThrownBy(() -> contract.read(bytes("{\"type\":\"receipt\"}"), UUID.randomUUID(), Instant.now()))
      .isInstanceOfSatisfying(InvalidEventException.class,
        e -> assertThat(e.violations()).extracting(Violation::pointer)
          .contains("/source", "/transactionKey", "/occurredAt", "/item", "/location", "/quantity", "/unit"));
  }

  @Test
  void requires_a_reason_code_on_adjustments() {
    String body = RECEIPT.replace("\"type\":\"receipt\"", "\"type\":\"adjustment\"");
    assertThatThrownBy(() -> contract.read(bytes(body), UUID.randomUUID(), Instant.now()))
      .isInstanceOfSatisfying(InvalidEventException.class,
        e -> assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/reasonCode"));
  }

  @Test
  void explains_a_zero_adjustment_in_plain_words() {
    String body = RECEIPT.replace("\"type\":\"receipt\"", "\"type\":\"adjustment\",\"reasonCode\":\"COUNT\"")
      .replace("24.50", "0");
    assertThatThrownBy(() -> contract.read(bytes(body), UUID.randomUUID(), Instant.now()))
      .isInstanceOfSatisfying(InvalidEventException.class,
        e -> assertThat(e.violations()).containsExactly(new Violation("/quantity", "must not be 0")));
  }

  @Test
  void refuses_duplicate_keys_and_trailing_data() {
    String duplicate = RECEIPT.replace("\"unit\":\"EA\"", "\"unit\":\"EA\",\"unit\":\"CS\"");
    assertThatThrownBy(() -> contract.parse(bytes(duplicate)))
      .isInstanceOf(MalformedJsonException.class)
      .hasMessageContaining("unit");
    assertThatThrownBy(() -> contract.parse(bytes(RECEIPT + " {}")))
      .isInstanceOf(MalformedJsonException.class);
    assertThatThrownBy(() -> contract.parse(bytes("{\"type\": ")))
      .isInstanceOf(MalformedJsonException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    comment            | {/* hi */"type":"receipt"}
    NaN                | {"quantity":NaN}
    single quotes      | {'type':'receipt'}
    deep nesting       | DEEP
    huge number        | HUGE
    """)
  void refuses_what_strict_json_does_not_allow(String name, String body) {
    String json = switch (body) {
      case "DEEP" -> "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
      case "HUGE" -> "{\"quantity\":1" + "0".repeat(100) + "}";
      default -> body;
    };
    assertThatThrownBy(() -> contract.parse(bytes(json))).isInstanceOf(MalformedJsonException.class);
  }

  @Test
  void refuses_a_byte_order_mark_and_invalid_utf8() {
    byte[] withBom = ("\uFEFF" + RECEIPT).getBytes(StandardCharsets.UTF_8);
    byte[] invalidUtf8 = RECEIPT.replace("SKU-1001", "SKU-\u00e9").getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> contract.parse(withBom)).isInstanceOf(MalformedJsonException.class)
      .hasMessageContaining("byte order mark");
    assertThatThrownBy(() -> contract.parse(invalidUtf8)).isInstanceOf(MalformedJsonException.class);
  }

  @Test
  void a_quantity_of_1e400_is_refused_not_read_as_infinity() {
    String body = RECEIPT.replace("24.50", "1e400");
    assertThatThrownBy(() -> contract.read(bytes(body), UUID.randomUUID(), Instant.now()))
      .isInstanceOfSatisfying(InvalidEventException.class,
        e -> assertThat(e.violations()).extracting(Violation::pointer).contains("/quantity"));
  }

  static final String HEAD = "\"source\":\"wms-east\",\"transactionKey\":\"K-1\",\"occurredAt\":\"2026-12-03T10:15:00Z\","
    + "\"item\":{\"sku\":\"SKU-1\"},\"location\":\"DC-EAST\",\"unit\":\"EA\",";

  private InventoryEvent read(String fields) {
    return contract.read(bytes("{" + HEAD + fields + "}"), UUID.randomUUID(), Instant.now());
  }

  private List<String> violations(String fields) {
    try {
      read(fields);
      throw new AssertionError("accepted: " + fields);
    } catch (InvalidEventException e) {
      return e.violations().stream().map(v -> v.pointer() + " " + v.message()).toList();
    }
  }

  @Test
  void reads_every_event_type_with_its_own_fields() {
    assertThat(read("\"type\":\"pick\",\"quantity\":3").type()).isEqualTo(EventType.PICK);
    InventoryEvent out = read("\"type\":\"transfer-out\",\"quantity\":3,\"toLocation\":\"STORE-1\","
      + "\"references\":{\"transfer\":\"TR-1\"}");
    assertThat(out.toLocation()).isEqualTo("STORE-1");
    assertThat(out.references()).containsEntry("transfer", "TR-1");
    assertThat(read("\"type\":\"transfer-in\",\"quantity\":3,\"references\":{\"transfer\":\"TR-1\"}").type())
      .isEqualTo(EventType.TRANSFER_IN);
    assertThat(read("\"type\":\"return\",\"quantity\":1,\"disposition\":\"restock\"").disposition())
      .isEqualTo(Disposition.RESTOCK);
    InventoryEvent count = read("\"type\":\"cycle-count\",\"quantity\":0,\"state\":\"damaged\"");
    assertThat(count.quantity()).isZero();
    assertThat(count.state()).isEqualTo(StockState.DAMAGED);
    InventoryEvent change = read("\"type\":\"status-change\",\"quantity\":2,\"fromState\":\"on_hand\","
      + "\"toState\":\"quarantined\",\"serials\":[\"S1\",\"S2\"],\"expiry\":\"2027-06-30\",\"owner\":\"ACME\","
      + "\"extensions\":{\"acme:dock\":\"D4\",\"acme:temp\":4.5,\"acme:checked\":true}");
    assertThat(change.fromState()).isEqualTo(StockState.ON_HAND);
    assertThat(change.toState()).isEqualTo(StockState.QUARANTINED);
    assertThat(change.serials()).containsExactly("S1", "S2");
    assertThat(change.expiry()).isEqualTo(LocalDate.of(2027, 6, 30));
    assertThat(change.owner()).isEqualTo("ACME");
    assertThat(change.extensions()).containsEntry("acme:dock", "D4").containsEntry("acme:checked", true)
      .containsEntry("acme:temp", new BigDecimal("4.5"));

    LaneMessageCodec codec = new LaneMessageCodec();
    assertThat(codec.decode(codec.encode(change))).isEqualTo(change);
    assertThat(codec.decode(codec.encode(out))).isEqualTo(out);
  }

  @Test
  void names_an_item_by_partner_code_or_gtin_alone() {
    String body = "{" + HEAD.replace("{\"sku\":\"SKU-1\"}", "{\"partnerCode\":\"NW-7\"}") + "\"type\":\"receipt\",\"quantity\":1}";
    InventoryEvent event = contract.read(bytes(body), UUID.randomUUID(), Instant.now());

    assertThat(event.item()).isEqualTo(new ItemRef(null, null, "NW-7"));
    assertThat(event.sku()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    04012345678901, GTIN-14      | 04012345678901
    96385074, GTIN-8             | 96385074
    4006381333931, EAN-13        | 4006381333931
    036000291452, UPC-A          | 036000291452
    """)
  void accepts_gtins_whose_check_digit_holds(String name, String gtin) {
    String body = "{" + HEAD.replace("{\"sku\":\"SKU-1\"}", "{\"gtin\":\"" + gtin + "\"}") + "\"type\":\"receipt\",\"quantity\":1}";

    assertThat(contract.read(bytes(body), UUID.randomUUID(), Instant.now()).item().gtin()).isEqualTo(gtin);
  }

  @Test
  void refuses_a_gtin_with_a_wrong_check_digit_naming_both_digits() {
    String body = "{" + HEAD.replace("{\"sku\":\"SKU-1\"}", "{\"gtin\":\"04012345678902\"}") + "\"type\":\"receipt\",\"quantity\":1}";

    assertThatThrownBy(() -> contract.read(bytes(body), UUID.randomUUID(), Instant.now()))
      .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
        .containsExactly(new Violation("/item/gtin",
          "has check digit 2, but its other digits give 1 (GS1 mod 10): a digit is mistyped or missing")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    transfer-out without destination | "type":"transfer-out","quantity":1,"references":{"transfer":"T"}        | /toLocation is required
    transfer-in without transfer     | "type":"transfer-in","quantity":1,"references":{"order":"O"}           | /references/transfer is required
    status change to the same state  | "type":"status-change","quantity":1,"fromState":"damaged","toState":"damaged" | /toState must differ from fromState (damaged)
    status change into in_transit    | "type":"status-change","quantity":1,"fromState":"on_hand","toState":"in_transit" | /toState
    negative cycle count             | "type":"cycle-count","quantity":-1                                      | /quantity
    serials not one per unit         | "type":"receipt","quantity":3,"serials":["A","B"]                       | /serials has 2 serial numbers for a quantity of 3; send one per unit
    impossible expiry date           | "type":"receipt","quantity":1,"expiry":"2027-02-30"                     | /expiry must be a calendar date (ISO 8601), e.g. 2027-06-30
    extension without namespace      | "type":"receipt","quantity":1,"extensions":{"dock":"D4"}               | /extensions
    nested extension value           | "type":"receipt","quantity":1,"extensions":{"acme:dock":{"a":1}}       | /extensions/acme:dock
    shipment from damaged stock      | "type":"shipment","quantity":1,"fromState":"damaged"                    | /fromState
    field of another type            | "type":"receipt","quantity":1,"toLocation":"X"                          | /toLocation is not a known property of this contract
    unknown disposition              | "type":"return","quantity":1,"disposition":"resell"                     | /disposition
    """)
  void explains_type_specific_rules(String name, String fields, String expected) {
    assertThat(violations(fields)).anySatisfy(v -> assertThat(v).startsWith(expected));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
