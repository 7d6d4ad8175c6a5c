package io.stocksync.erp;

import static io.stocksync.erp.Awaits.failure;
import static io.stocksync.erp.Awaits.line;
import static io.stocksync.erp.Awaits.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connector pointed at an ERP that speaks another dialect: its own names, paths, headers and 409s. */
@ExtendWith(VertxExtension.class)
class RestErpConnectorMappingTest {

  private static final ErpFieldMapping ACME = new ErpFieldMapping("clientRef", "entries", "sku", "site", null, "uom",
    "qty", "reason", "docNo", "X-Acme-Replay", false);

  /** What the fake ERP received: method, path, headers and body of each request. */
  private record Seen(String method, String path, Map<String, String> headers, String raw, JsonObject body) {
  }

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private RestErpConnector connector;

  @AfterEach
  void close_connector() {
    if (connector != null) {
      result(connector.close());
    }
  }

  private RestErpConnector connectToFake(Vertx vertx, Consumer<HttpServerRequest> answer) {
    HttpServer server = result(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Map<String, String> headers = Map.of(
        "X-Api-Key", String.valueOf(request.getHeader("X-Api-Key")),
        "Content-Type", String.valueOf(request.getHeader("Content-Type")));
      seen.add(new Seen(request.method().name(), request.uri(), headers, body.toString(),
        body.length() == 0 ? null : body.toJsonObject()));
      answer.accept(request);
    })).listen(0, "127.0.0.1"));
    RestErpConfig config = RestErpConfig.of("http://127.0.0.1:" + server.actualPort() + "/acme/")
      .withPaths("/inventory/postings", "/inventory/postings/by-ref/{reference}")
      .withFields(ACME)
      .withHeaders(Map.of("X-Api-Key", "secret-1"));
    connector = RestErpConnector.create(vertx, config);
    return connector;
  }

  @Test
  void sends_the_journal_under_the_target_erps_field_names_paths_and_headers(Vertx vertx) {
    connectToFake(vertx, request -> request.response().setStatusCode(201).end("{\"docNo\": 4711}"));

    ErpPosting posting = result(connector.post(new ErpJournal("MOV-9", List.of(line("SKU-1", "DC-1", "LOT-1", "2.50")))));

    assertThat(posting).isEqualTo(new ErpPosting("MOV-9", "4711", false));
    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/acme/inventory/postings");
    assertThat(request.headers()).containsEntry("X-Api-Key", "secret-1")
      .hasEntrySatisfying("Content-Type", type -> assertThat(type).startsWith("application/json"));
    JsonObject entry = request.body().getJsonArray("entries").getJsonObject(0);
    assertThat(request.body().getString("clientRef")).isEqualTo("MOV-9");
    assertThat(entry.fieldNames()).containsExactlyInAnyOrder("sku", "site", "uom", "qty", "reason");
    assertThat(entry.getValue("qty")).as("a JSON number when quantityAsString is false").isInstanceOf(Number.class);
    assertThat(request.raw()).as("the decimal goes out exactly as given").contains("\"qty\":2.50");
  }

  @Test
  void the_erps_duplicate_header_marks_a_replayed_posting(Vertx vertx) {
    connectToFake(vertx, request -> request.response().setStatusCode(200).putHeader("X-Acme-Replay", "TRUE")
      .end("{\"docNo\": \"D-1\"}"));

    assertThat(result(connector.post(Awaits.journal("MOV-R"))).duplicate()).isTrue();
  }

  @Test
  void a_409_conflict_is_looked_up_and_taken_as_duplicate_when_the_erp_holds_the_reference(Vertx vertx) {
    connectToFake(vertx, request -> {
      if (request.method().name().equals("POST")) {
        request.response().setStatusCode(409).end("{\"message\": \"clientRef already used\"}");
      } else {
        request.response().setStatusCode(200).end("{\"docNo\": \"D-77\"}");
      }
    });

    ErpPosting posting = result(connector.post(Awaits.journal("MOV 77")));

    assertThat(posting).isEqualTo(new ErpPosting("MOV 77", "D-77", true));
    assertThat(seen.get(1).path()).isEqualTo("/acme/inventory/postings/by-ref/MOV%2077");
  }

  @Test
  void a_409_for_a_reference_the_erp_does_not_hold_is_a_rejection(Vertx vertx) {
    connectToFake(vertx, request -> request.response().setStatusCode(request.method().name().equals("POST") ? 409 : 404)
      .end());

    Throwable failure = failure(connector.post(Awaits.journal("MOV-C")));

    assertThat(failure).isInstanceOf(ErpRejectedException.class);
    assertThat(((ErpRejectedException) failure).status()).isEqualTo(409);
  }

  @Test
  void a_2xx_without_a_document_id_is_an_unknown_outcome(Vertx vertx) {
    connectToFake(vertx, request -> request.response().setStatusCode(202).end("<html>queued</html>"));

    assertThat(failure(connector.post(Awaits.journal("MOV-X")))).isInstanceOf(ErpUnknownOutcomeException.class);
  }

  @Test
  void an_html_error_page_is_reported_by_its_text(Vertx vertx) {
    connectToFake(vertx, request -> request.response().setStatusCode(422).end("<h1>Unknown site DC-1</h1>"));

    assertThat(failure(connector.post(Awaits.journal("MOV-H")))).isInstanceOf(ErpRejectedException.class)
      .hasMessageContaining("Unknown site DC-1");
  }
}
