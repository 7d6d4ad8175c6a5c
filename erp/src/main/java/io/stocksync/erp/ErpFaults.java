package io.stocksync.erp;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Random;

/**
 * Decides, before an {@code /api} request is served, whether the reference ERP fails it: down,
 * latency, scripted failures ({@code failNext}), rate limiting, then the seeded error rate. A
 * failed request is answered here and never reaches the journal. Used on the verticle's context
 * only.
 */
final class ErpFaults implements Handler<RoutingContext> {

  /** Notified when an injected fault answered a journal post. */
  interface Listener {
    void faulted(RoutingContext ctx);
  }

  private final Vertx vertx;
  private final Listener listener;
  private volatile ErpBehaviour behaviour;
  private Random random;
  private int scriptedCount;
  private int scriptedStatus;

  ErpFaults(Vertx vertx, ErpBehaviour behaviour, Listener listener) {
    this.vertx = vertx;
    this.listener = listener;
    set(behaviour);
  }

  ErpBehaviour behaviour() {
    return behaviour;
  }

  void set(ErpBehaviour behaviour) {
    this.behaviour = behaviour;
    this.random = new Random(behaviour.seed());
  }

  /** The next {@code count} API requests are answered {@code status}, whatever the behaviour. */
  void failNext(int count, int status) {
    scriptedCount = count;
    scriptedStatus = status;
  }

  void clearScript() {
    scriptedCount = 0;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ErpBehaviour current = behaviour;
    if (current.down()) {
      // an unhealthy ERP behind a load balancer: 503, and the connection is not kept
      ctx.response().putHeader("Connection", "close");
      fail(ctx, 503, "the ERP is down").onComplete(v -> ctx.request().connection().close());
      return;
    }
    long latency = current.latency().toMillis();
    if (latency > 0) {
      vertx.setTimer(latency, id -> decide(ctx, current));
    } else {
      decide(ctx, current);
    }
  }

  private void decide(RoutingContext ctx, ErpBehaviour current) {
    if (scriptedCount > 0) {
      scriptedCount--;
      fail(ctx, scriptedStatus, "scripted failure");
    } else if (current.rateLimited()) {
      fail(ctx, 429, "rate limited");
    } else if (current.errorRate() > 0 && random.nextDouble() < current.errorRate()) {
      fail(ctx, current.errorStatus(), "injected error");
    } else {
      ctx.next();
    }
  }

  private Future<Void> fail(RoutingContext ctx, int status, String message) {
    if (status == 429 && behaviour.retryAfterSeconds() > 0) {
      ctx.response().putHeader("Retry-After", Integer.toString(behaviour.retryAfterSeconds()));
    }
    listener.faulted(ctx);
    return ctx.response()
      .setStatusCode(status)
      .putHeader("Content-Type", "application/json")
      .end(new JsonObject().put("message", message).encode());
  }
}
