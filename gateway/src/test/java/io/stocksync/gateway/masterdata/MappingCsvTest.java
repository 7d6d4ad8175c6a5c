package io.stocksync.gateway.masterdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocksync.gateway.masterdata.MappingCsv.LineError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MappingCsvTest {

  private final MappingCsv csv = new MappingCsv(5);

  @Test
  void reads_columns_in_any_order_by_their_header_names() {
    MappingCsv.Parsed parsed = parse("partnerCode,SKU,source,gtin\r\n"
      + ",SKU-1,,04006381333931\r\n"
      + "NW-7,SKU-2,tpl-northwind,\r\n");

    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.rows()).extracting(MappingCsv.Row::line).containsExactly(2, 3);
    assertThat(parsed.rows()).extracting(MappingCsv.Row::request).containsExactly(
      new MappingRequest("SKU-1", "04006381333931", null, null),
      new MappingRequest("SKU-2", null, "tpl-northwind", "NW-7"));
  }

  @Test
  void quoted_values_keep_commas_quotes_and_line_breaks_and_lines_are_counted_in_the_file() {
    MappingCsv.Parsed parsed = parse("\uFEFFsku,source,partnerCode\n"
      + "\"SKU, \"\"big\"\"\",tpl-x,\"A\nB\"\n"
      + "\n"
      + " SKU-3 ,tpl-x, C-1 \n");

    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.rows()).extracting(MappingCsv.Row::line).containsExactly(2, 5);
    assertThat(parsed.rows().get(0).request()).isEqualTo(new MappingRequest("SKU, \"big\"", null, "tpl-x", "A\nB"));
    assertThat(parsed.rows().get(1).request()).isEqualTo(new MappingRequest("SKU-3", null, "tpl-x", "C-1"));
  }

  @Test
  void reports_every_bad_line_by_number_and_column() {
    MappingCsv.Parsed parsed = parse("sku,gtin,source,partnerCode\n"
      + "SKU-1,123,,\n"
      + "SKU-2,04006381333931,tpl-x,NW-1\n"
      + ",,tpl-x,\n"
      + "SKU-4,04006381333931\n");

    assertThat(parsed.rows()).isEmpty();
    assertThat(parsed.errors()).containsExactly(
      new LineError(2, "gtin", "must be 8 to 14 digits, was '123'"),
      new LineError(3, "gtin", "give either gtin, or source and partnerCode, not both"),
      new LineError(4, "sku", "is required"),
      new LineError(4, "partnerCode", "is required with source"),
      new LineError(5, null, "has 2 values, but the header names 4 columns"));
  }

  @Test
  void the_same_code_for_two_skus_in_one_file_is_an_error_of_the_later_line() {
    MappingCsv.Parsed parsed = parse("sku,gtin\nSKU-1,04006381333931\nSKU-1,04006381333931\nSKU-2,04006381333931\n");

    assertThat(parsed.errors()).containsExactly(new LineError(4, "gtin",
      "maps GTIN 04006381333931 to 'SKU-2', but line 2 maps it to 'SKU-1'"));
  }

  @Test
  void a_bad_header_is_reported_before_any_row() {
    assertThat(parse("sku,color\nSKU-1,red\n").errors()).containsExactly(
      new LineError(1, "color", "is not a known column; expected sku, gtin, source, partnerCode"),
      new LineError(1, "gtin", "the header needs a gtin column, or source and partnerCode columns"));
    assertThat(parse("").errors()).extracting(LineError::detail).singleElement().asString().startsWith("the file is empty");
    assertThat(parse("sku,gtin\n").errors()).extracting(LineError::detail)
      .containsExactly("the file holds no mappings, only its header line");
  }

  @Test
  void an_unclosed_quote_or_invalid_utf8_makes_the_file_unreadable() {
    assertThat(parse("sku,gtin\n\"SKU-1,04006381333931\n").errors())
      .containsExactly(new LineError(2, null, "a quoted value is not closed"));
    assertThat(csv.parse(new byte[] {'s', 'k', 'u', (byte) 0xC3}).errors())
      .containsExactly(new LineError(1, null, "the file is not valid UTF-8"));
  }

  @Test
  void more_rows_than_allowed_are_refused_whole() {
    assertThatThrownBy(() -> parse("sku,gtin\nA,12345678\nB,12345679\nC,12345670\nD,12345671\nE,12345672\nF,12345673\n"))
      .isInstanceOf(MappingCsv.TooManyRows.class)
      .hasMessage("the file holds 6 mappings; at most 5 are allowed per import: split it");
  }

  private MappingCsv.Parsed parse(String text) {
    return csv.parse(text.getBytes(StandardCharsets.UTF_8));
  }
}
