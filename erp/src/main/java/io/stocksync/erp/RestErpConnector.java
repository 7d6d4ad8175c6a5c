package io.stocksync.erp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ErpConnector} for any ERP with a REST/JSON journal API: field names, paths and headers
 * come from {@link RestErpConfig}. Every call runs under retry, circuit breaker, bulkhead and rate
 * limit ({@link ErpGuards}), none of which blocks the event loop.
 *
 * <p>Answers: 2xx is posted (a duplicate when the ERP's duplicate header says {@code true});
 * 409 is looked up and, when the ERP holds the reference, taken as a duplicate; 408, 429 and 5xx
 * are transient; other 4xx are rejections. A post that connected but got no answer is an unknown
 * outcome and is not retried here: the caller resolves it with {@link #find}.
 */
public final class RestErpConnector implements ErpConnector {

  private final RestErpConfig config;
  private final ErpFieldMapping fields;
  private final WebClient client;
  private final ErpGuards guards;

  public RestErpConnector(Vertx vertx, String name, RestErpConfig config) {
    this.config = config;
    this.fields = config.fields();
    int connections = config.resilience().bulkhead().maxConcurrentCalls();
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("stocksync-erp-connector")
        .setConnectTimeout((int) config.connectTimeout().toMillis()),
      new PoolOptions().setHttp1MaxSize(connections));
    this.guards = new ErpGuards(vertx, name, config.resilience());
  }

  public static RestErpConnector create(Vertx vertx, RestErpConfig config) {
    return new RestErpConnector(vertx, "erp", config);
  }

  /** For metrics and health: OPEN means calls are being refused to let the ERP recover. */
  public CircuitBreaker.State breakerState() {
    return guards.breakerState();
  }

  @Override
  public Future<ErpPosting> post(ErpJournal journal) {
    String reference = journal.externalReference();
    return guards.call(() -> send(journal))
      .compose(posting -> posting.map(Future::succeededFuture).orElseGet(() -> resolveConflict(reference)));
  }

  @Override
  public Future<Optional<ErpPosting>> find(String externalReference) {
    ErpLine.requireText(externalReference, "externalReference");
    return guards.call(() -> lookup(externalReference));
  }

  @Override
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  /** Empty when the ERP answered 409 Conflict: whether it holds the reference is asked separately. */
  private Future<Optional<ErpPosting>> send(ErpJournal journal) {
    String reference = journal.externalReference();
    return timed(request(HttpMethod.POST, config.postPath()).sendJsonObject(toJson(journal)))
      .recover(failure -> Future.failedFuture(ErpAnswers.postFailure(reference, failure)))
      .compose(response -> readPosted(reference, response));
  }

  private Future<Optional<ErpPosting>> readPosted(String reference, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    String what = "post " + reference;
    if (status >= 200 && status < 300) {
      String documentId = documentId(response);
      if (documentId == null) {
        return Future.failedFuture(new ErpUnknownOutcomeException(reference, what + ": ERP answered " + status
          + " without a '" + fields.documentId() + "' field; the posting cannot be confirmed", null));
      }
      boolean duplicate = "true".equalsIgnoreCase(response.getHeader(fields.duplicateHeader()));
      return Future.succeededFuture(Optional.of(new ErpPosting(reference, documentId, duplicate)));
    }
    if (status == 409) {
      return Future.succeededFuture(Optional.empty());
    }
    return Future.failedFuture(ErpAnswers.isTransient(status)
      ? ErpAnswers.transientAnswer(what, response)
      : ErpAnswers.rejection(what, response));
  }

  private Future<ErpPosting> resolveConflict(String reference) {
    return find(reference).compose(found -> found
      .map(posting -> Future.succeededFuture(new ErpPosting(reference, posting.documentId(), true)))
      .orElseGet(() -> Future.failedFuture(new ErpRejectedException(409,
        "post " + reference + ": ERP answered 409 Conflict but holds no journal with this reference"))));
  }

  private Future<Optional<ErpPosting>> lookup(String reference) {
    String path = config.lookupPath().replace(RestErpConfig.REFERENCE_PLACEHOLDER, encodePathSegment(reference));
    return timed(request(HttpMethod.GET, path).send())
      .recover(failure -> Future.failedFuture(ErpAnswers.lookupFailure(reference, failure)))
      .compose(response -> readFound(reference, response));
  }

  private Future<Optional<ErpPosting>> readFound(String reference, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    String what = "find " + reference;
    if (status == 404 || status == 410) {
      return Future.succeededFuture(Optional.empty());
    }
    if (status >= 200 && status < 300) {
      String documentId = documentId(response);
      if (documentId == null) {
        return Future.failedFuture(new ErpRejectedException(status, what + ": ERP answered " + status
          + " without a '" + fields.documentId() + "' field"));
      }
      return Future.succeededFuture(Optional.of(new ErpPosting(reference, documentId, false)));
    }
    return Future.failedFuture(ErpAnswers.isTransient(status)
      ? ErpAnswers.transientAnswer(what, response)
      : ErpAnswers.rejection(what, response));
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> request = client.requestAbs(method, config.baseUrlPrefix() + path)
      .connectTimeout(config.connectTimeout().toMillis())
      // closes the connection of a call that hangs, so a held slot does not outlive the deadline
      .idleTimeout(config.requestTimeout().toMillis())
      .putHeader("Accept", "application/json");
    config.headers().forEach(request::putHeader);
    return request;
  }

  private <T> Future<T> timed(Future<T> call) {
    return call.timeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  JsonObject toJson(ErpJournal journal) {
    JsonArray lines = new JsonArray();
    for (ErpLine line : journal.lines()) {
      JsonObject json = new JsonObject()
        .put(fields.item(), line.item())
        .put(fields.location(), line.location())
        .put(fields.unit(), line.unit())
        .put(fields.quantity(), fields.quantityAsString() ? line.quantity().toPlainString() : line.quantity());
      if (fields.lot() != null) {
        json.put(fields.lot(), line.lot());
      }
      if (fields.movementType() != null) {
        json.put(fields.movementType(), line.movementType());
      }
      lines.add(json);
    }
    return new JsonObject().put(fields.reference(), journal.externalReference()).put(fields.lines(), lines);
  }

  private String documentId(HttpResponse<Buffer> response) {
    JsonObject body = ErpAnswers.jsonBody(response);
    Object id = body == null ? null : body.getValue(fields.documentId());
    if (id instanceof String || id instanceof Number) {
      String text = id.toString();
      return text.isBlank() ? null : text;
    }
    return null;
  }

  private static String encodePathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
