package io.stocksync.perf;

import io.stocksync.contracts.event.EventContract;
import io.stocksync.contracts.event.InventoryEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * Cost of checking one typical ~1 KB event against contract v1: parsing included, as the gateway
 * pays it. Compares the validator the gateway uses (networknt json-schema-validator 3 on Jackson 3,
 * with exact decimals, against the per-type schema the event's type picks) with the same validator
 * on the whole document (all nine if/then branches) and with vertx-json-schema on Vert.x's
 * JsonObject, on the same schema file, for four event shapes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SchemaValidationBenchmark {

  /** A receipt with every optional member filled: 1 KB on the wire. */
  public static final String TYPICAL_EVENT = """
    {"type":"receipt","source":"wms-east-dc-primary","transactionKey":"RCV-2026-12-03-000184467-LINE-0003",
     "occurredAt":"2026-12-03T10:15:42.123+01:00",
     "item":{"sku":"SKU-1001-BLUE-XL-CARTON-OF-12-UNITS","gtin":"04012345678901"},
     "location":"DC-EAST-01","bin":"A-01-03-B-RESERVE-ZONE-NORTH","lot":"LOT-2026-11-27-PLANT-7-SHIFT-2",
     "quantity":1440.25,"unit":"EA",
     "references":{"order":"SO-2026-0000917733-LINE-0012","purchaseOrder":"PO-2026-0000450012-SUPPLIER-ACME",
                   "asn":"ASN-ACME-2026-12-03-0000451277","shipment":"SHIP-CARRIER-DHL-00340434161200000001"}}
    """.trim();

  /** A transfer leaving a DC with 12 serial numbers and an expiry: the array-heavy shape. */
  public static final String TRANSFER_WITH_SERIALS = """
    {"type":"transfer-out","source":"wms-east-dc-primary","transactionKey":"TRO-2026-12-03-000184467-LINE-0001",
     "occurredAt":"2026-12-03T10:15:42.123+01:00","item":{"sku":"SKU-1001-BLUE-XL"},
     "location":"DC-EAST-01","toLocation":"DC-WEST-02","lot":"LOT-2026-11-27-PLANT-7","expiry":"2027-06-30",
     "quantity":12,"unit":"EA",
     "serials":["SN-000001","SN-000002","SN-000003","SN-000004","SN-000005","SN-000006",
                "SN-000007","SN-000008","SN-000009","SN-000010","SN-000011","SN-000012"],
     "references":{"transfer":"TR-2026-0000917733","shipment":"SHIP-CARRIER-DHL-00340434161200000001"},
     "extensions":{"acme:dock":"D-04","acme:priority":2}}
    """.trim();

  /** A cycle count as a scanner sends it: the smallest shape. */
  public static final String CYCLE_COUNT = """
    {"type":"cycle-count","source":"scanner-fleet","transactionKey":"CC-DC-EAST-01-A-01-03-B-20261203",
     "occurredAt":"2026-12-03T06:00:00Z","item":{"gtin":"04012345678901"},"location":"DC-EAST-01",
     "bin":"A-01-03-B","quantity":37,"unit":"EA"}
    """.trim();

  /** A status change from on hand to quarantined with a reason code. */
  public static final String STATUS_CHANGE = """
    {"type":"status-change","source":"wms-east-dc-primary","transactionKey":"QC-2026-12-03-0000451277",
     "occurredAt":"2026-12-03T10:15:42Z","item":{"sku":"SKU-1001-BLUE-XL"},"location":"DC-EAST-01",
     "lot":"LOT-2026-11-27-PLANT-7","quantity":48,"unit":"EA","fromState":"on_hand","toState":"quarantined",
     "reasonCode":"QC_HOLD"}
    """.trim();

  private static final UUID TRANSACTION_ID = UUID.fromString("7d1b0005-d111-4df4-906a-365cd43543bf");

  @Param({"receipt", "transfer-serials", "cycle-count", "status-change"})
  public String shape;

  private byte[] bytes;
  private String text;
  private EventContract contract;
  private Schema wholeDocument;
  private Validator vertxValidator;

  @Setup
  public void setUp() {
    text = switch (shape) {
      case "receipt" -> TYPICAL_EVENT;
      case "transfer-serials" -> TRANSFER_WITH_SERIALS;
      case "cycle-count" -> CYCLE_COUNT;
      case "status-change" -> STATUS_CHANGE;
      default -> throw new IllegalArgumentException(shape);
    };
    bytes = text.getBytes(StandardCharsets.UTF_8);
    contract = EventContract.load();
    wholeDocument = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
      .getSchema(EventContract.strictMapper().readTree(loadSchema().encode()));
    vertxValidator = Validator.create(JsonSchema.of(loadSchema()),
      new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://stocksync.io/"));
    if (!contract.validate(contract.parse(bytes)).isEmpty() || !wholeDocument.validate(contract.parse(bytes)).isEmpty()
      || !vertxValidator.validate(new JsonObject(text)).getValid()) {
      throw new IllegalStateException("the " + shape + " event must be valid for every validator: "
        + contract.validate(contract.parse(bytes)));
    }
  }

  static JsonObject loadSchema() {
    try (InputStream in = EventContract.class.getResourceAsStream(EventContract.SCHEMA_RESOURCE)) {
      return new JsonObject(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The gateway's path: strict Jackson 3 parse, networknt validation, the extra contract checks. */
  @Benchmark
  public List<?> networknt_parse_and_validate() {
    JsonNode node = contract.parse(bytes);
    return contract.validate(node);
  }

  /** The same validator on the whole document: every if/then branch evaluated for every event. */
  @Benchmark
  public List<?> networknt_whole_document_parse_and_validate() {
    return wholeDocument.validate(contract.parse(bytes));
  }

  /**
   * The gateway's path including the mapping into the canonical record, i.e. everything before
   * publishing (the transaction id is made elsewhere, so a fixed one is passed).
   */
  @Benchmark
  public InventoryEvent networknt_read_into_record() {
    return contract.read(bytes, TRANSACTION_ID, Instant.EPOCH);
  }

  /** The alternative: Vert.x JSON decode (doubles, not decimals) and vertx-json-schema. */
  @Benchmark
  public OutputUnit vertx_json_schema_parse_and_validate() {
    return vertxValidator.validate(new JsonObject(Buffer.buffer(bytes)));
  }
}
