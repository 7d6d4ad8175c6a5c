package io.stocksync.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
  void reads_a_valid_receipt_into_the_canonical_record() {
    UUID txn = UUID.randomUUID();
    Instant now = Instant.parse("2026-12-03T09:20:00Z");
    InventoryEvent event = contract.read(bytes(RECEIPT), txn, now);

    assertThat(event.type()).isEqualTo(EventType.RECEIPT);
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-03T09:15:00Z"));
    assertThat(event.quantity()).isEqualByComparingTo(new BigDecimal("24.5"));
    assertThat(event.onHandDelta()).isEqualByComparingTo("24.5");
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
    missing sku                     | "item":{"sku":"SKU-1001","gtin":"04012345678901"} | "item":{}                     | /item/sku
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

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
