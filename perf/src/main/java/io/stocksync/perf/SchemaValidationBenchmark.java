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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * Cost of checking one typical ~1 KB event against contract v1: parsing included, as the gateway
 * pays it. Compares the validator the gateway uses (networknt json-schema-validator 3 on Jackson 3,
 * with exact decimals) with vertx-json-schema on Vert.x's JsonObject, on the same schema file.
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

  private final byte[] bytes = TYPICAL_EVENT.getBytes(StandardCharsets.UTF_8);
  private EventContract contract;
  private Validator vertxValidator;

  @Setup
  public void setUp() {
    contract = EventContract.load();
    vertxValidator = Validator.create(JsonSchema.of(loadSchema()),
      new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://stocksync.io/"));
    if (!contract.validate(contract.parse(bytes)).isEmpty() || !vertxValidator.validate(new JsonObject(TYPICAL_EVENT)).getValid()) {
      throw new IllegalStateException("the typical event must be valid for both validators");
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

  /** The same including the mapping into the canonical record, i.e. everything before publishing. */
  @Benchmark
  public InventoryEvent networknt_read_into_record() {
    return contract.read(bytes, UUID.randomUUID(), Instant.EPOCH);
  }

  /** The alternative: Vert.x JSON decode (doubles, not decimals) and vertx-json-schema. */
  @Benchmark
  public OutputUnit vertx_json_schema_parse_and_validate() {
    return vertxValidator.validate(new JsonObject(Buffer.buffer(bytes)));
  }
}
