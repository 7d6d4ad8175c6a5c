package io.stocksync.erp;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A cloud ERP's inventory posting API, in memory, for stocksync's dev mode, tests and load tests:
 * journals deduplicated on their external reference, lookups by reference, paged balances, and
 * faults programmed through {@link #behave(ErpBehaviour)} or {@code PUT /admin/behaviour}.
 *
 * <p>All state lives on this verticle's context (deploy one instance); the methods here may be
 * called from any thread and answer with a Future completed from that context.
 */
public final class ReferenceErpVerticle extends VerticleBase {

  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  private static final int MAX_PAGE_SIZE = 1_000;

  private final ReferenceErpConfig config;
  private final ErpBook book = new ErpBook();
  private final Map<String, Integer> byReference = new HashMap<>();
  private final Set<Long> pendingBookings = new HashSet<>();
  private ErpFaults faults;
  private HttpServer server;
  private volatile int port = -1;
  private long received;
  private long posted;
  private long duplicates;
  private long invalid;
  private long faulted;

  public ReferenceErpVerticle(ReferenceErpConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    faults = new ErpFaults(vertx, config.behaviour(), ctx -> {
      if (isJournalPost(ctx)) {
        faulted++;
      }
    });
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
    router.post("/api/v1/journals").handler(ctx -> {
      received++;
      ctx.next();
    });
    router.route("/api/*").handler(faults);
    router.post("/api/v1/journals").handler(this::postJournal);
    router.get("/api/v1/journals/:reference").handler(this::getJournal);
    router.get("/api/v1/balances").handler(this::getBalances);
    new ErpAdminRoutes(this).mount(router);
    router.route().failureHandler(this::renderFailure);
    return vertx.createHttpServer()
      .requestHandler(router)
      .listen(config.port(), config.host())
      .onSuccess(s -> {
        server = s;
        port = s.actualPort();
      });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The port it listens on, once deployed (the chosen one when configured with 0). */
  public int port() {
    if (port < 0) {
      throw new IllegalStateException("the reference ERP is not started");
    }
    return port;
  }

  /** {@code http://host:port}, what a {@link RestErpConfig} is pointed at. */
  public String baseUrl() {
    return "http://" + config.host() + ":" + port();
  }

  /** The behaviour in force; changes take effect from the next request. */
  public ErpBehaviour behaviour() {
    return faults == null ? config.behaviour() : faults.behaviour();
  }

  public Future<Void> behave(ErpBehaviour behaviour) {
    return onContext(() -> {
      faults.set(behaviour);
      return null;
    });
  }

  /** The next {@code count} API requests are answered {@code status} (4xx or 5xx); 429 carries Retry-After. */
  public Future<Void> failNext(int count, int status) {
    ConfigChecks.between("count", count, 0, 1_000_000);
    ConfigChecks.between("status", status, 400, 599);
    return onContext(() -> {
      faults.failNext(count, status);
      return null;
    });
  }

  public Future<ErpStats> stats() {
    return onContext(() -> new ErpStats(received, posted, duplicates, invalid, faulted, byReference));
  }

  /** Forgets every journal, balance, counter and scripted failure; the behaviour stays. */
  public Future<Void> reset() {
    return onContext(() -> {
      pendingBookings.forEach(vertx::cancelTimer);
      pendingBookings.clear();
      book.clear();
      byReference.clear();
      faults.clearScript();
      received = posted = duplicates = invalid = faulted = 0;
      return null;
    });
  }

  private void postJournal(RoutingContext ctx) {
    ErpJournal journal;
    try {
      journal = JournalParser.parse(ctx.body().asJsonObject());
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      invalid++;
      send(ctx.response(), 400, new JsonObject().put("error", "invalid-journal").put("message", message(e)));
      return;
    }
    ErpBook.Accepted accepted = book.accept(journal, Instant.now());
    String reference = journal.externalReference();
    byReference.merge(reference, 1, Integer::sum);
    if (accepted.duplicate()) {
      duplicates++;
      ctx.response().putHeader("X-Duplicate", "true");
    } else {
      posted++;
      scheduleBooking(reference);
    }
    ErpDocument document = book.find(reference).orElse(accepted.document());
    JsonObject body = new JsonObject()
      .put("documentId", document.documentId())
      .put("externalReference", reference)
      .put("status", document.status());
    answer(ctx, accepted.duplicate() ? 200 : 201, body);
  }

  private void scheduleBooking(String reference) {
    long delay = faults.behaviour().postingDelay().toMillis();
    if (delay == 0) {
      book.book(reference);
      return;
    }
    long[] timer = new long[1];
    timer[0] = vertx.setTimer(delay, id -> {
      pendingBookings.remove(timer[0]);
      book.book(reference);
    });
    pendingBookings.add(timer[0]);
  }

  private void getJournal(RoutingContext ctx) {
    String reference = ctx.pathParam("reference");
    Optional<ErpDocument> document = book.find(reference);
    if (document.isPresent()) {
      answer(ctx, 200, document.get().toJson());
    } else {
      answer(ctx, 404, new JsonObject().put("error", "not-found")
        .put("message", "no journal with externalReference " + reference));
    }
  }

  private void getBalances(RoutingContext ctx) {
    int page;
    int pageSize;
    try {
      page = intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
      pageSize = intParam(ctx, "pageSize", 100, 1, MAX_PAGE_SIZE);
    } catch (IllegalArgumentException e) {
      answer(ctx, 400, new JsonObject().put("error", "invalid-query").put("message", e.getMessage()));
      return;
    }
    answer(ctx, 200, book.balancePage(blankToNull(ctx.queryParams().get("item")),
      blankToNull(ctx.queryParams().get("location")), page, pageSize));
  }

  /**
   * Answers an API request; in timeout mode the (already applied) answer is held back so the
   * caller gives up first, and dropped if the caller closes the connection.
   */
  private void answer(RoutingContext ctx, int status, JsonObject body) {
    ErpBehaviour current = faults.behaviour();
    HttpServerResponse response = ctx.response();
    if (!current.timeout()) {
      send(response, status, body);
      return;
    }
    long timer = vertx.setTimer(Math.max(1, current.timeoutHold().toMillis()), id -> {
      if (!response.closed() && !response.ended()) {
        send(response, status, body);
      }
    });
    response.closeHandler(v -> vertx.cancelTimer(timer));
  }

  static void send(HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status)
      .putHeader("Content-Type", "application/json")
      .end(body.encode());
  }

  private void renderFailure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    String message = ctx.failure() == null ? "request failed" : message(ctx.failure());
    send(ctx.response(), status, new JsonObject().put("error", "request-failed").put("message", message));
  }

  private <T> Future<T> onContext(Supplier<T> action) {
    if (context == null) {
      return Future.failedFuture(new IllegalStateException("the reference ERP is not deployed"));
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        promise.complete(action.get());
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  private static boolean isJournalPost(RoutingContext ctx) {
    return "POST".equals(ctx.request().method().name()) && "/api/v1/journals".equals(ctx.request().path());
  }

  private static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return ConfigChecks.between(name, Integer.parseInt(raw.trim()), min, max);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + raw + "'");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String message(Throwable e) {
    return e instanceof DecodeException ? "body must be a JSON object" : String.valueOf(e.getMessage());
  }
}
