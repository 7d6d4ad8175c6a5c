package io.stocksync.perf.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.UUID;

/**
 * Scanners posting receipts against a running gateway: every event distinct, every answer must
 * be 202 (confirmed by the broker). Open model by default: {@code rate} new requests per second,
 * whatever the answers take. With {@code users} above 0, closed model instead: that many
 * requests always in flight, each answer followed at once by the next request, so the run shows
 * the most the server answers (perf/side-by-side.sh uses this against stocksync and bare Vert.x).
 * Parameters are system properties: baseUrl, apiKey, rate (events/s), users, seconds, p99Ms
 * (assertion bound).
 */
public class EventsSimulation extends Simulation {

  private static final String BASE_URL = System.getProperty("baseUrl", "http://localhost:8080");
  private static final String API_KEY = System.getProperty("apiKey", "demo-key-0123456789");
  private static final double RATE = Double.parseDouble(System.getProperty("rate", "200"));
  private static final int USERS = Integer.getInteger("users", 0);
  private static final int SECONDS = Integer.getInteger("seconds", 30);
  private static final int P99_MS = Integer.getInteger("p99Ms", 500);

  private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
    .contentTypeHeader("application/json")
    .authorizationHeader("Bearer " + API_KEY)
    .shareConnections();

  private final ScenarioBuilder scanners = scenario("scanner receipts")
    .exec(session -> session.set("key", UUID.randomUUID().toString())
      .set("sku", "SKU-" + (int) (Math.random() * 1000))
      .set("location", "DC-" + (int) (Math.random() * 10)))
    .exec(http("POST /v1/events").post("/v1/events")
      .body(StringBody("{\"type\":\"receipt\",\"source\":\"gatling\",\"transactionKey\":\"#{key}\","
        + "\"occurredAt\":\"2026-12-03T10:15:00Z\",\"item\":{\"sku\":\"#{sku}\"},\"location\":\"#{location}\","
        + "\"quantity\":1,\"unit\":\"EA\"}"))
      .check(status().is(202)));

  {
    PopulationBuilder population = USERS > 0
      ? scanners.injectClosed(constantConcurrentUsers(USERS).during(SECONDS))
      : scanners.injectOpen(constantUsersPerSec(RATE).during(SECONDS));
    setUp(population)
      .protocols(protocol)
      .assertions(
        global().successfulRequests().percent().gte(99.0),
        global().responseTime().percentile(99.0).lt(P99_MS));
  }
}
