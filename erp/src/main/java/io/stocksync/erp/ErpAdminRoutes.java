package io.stocksync.erp;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /admin}: change the reference ERP's behaviour, script failures, read its counters and
 * reset it over HTTP, for load tests and people poking at the dev mode. Never faulted.
 */
final class ErpAdminRoutes {

  private final ReferenceErpVerticle erp;

  ErpAdminRoutes(ReferenceErpVerticle erp) {
    this.erp = erp;
  }

  void mount(Router router) {
    router.get("/admin/behaviour").handler(ctx -> ok(ctx, erp.behaviour().toJson()));
    router.put("/admin/behaviour").handler(this::putBehaviour);
    router.post("/admin/fail-next").handler(this::postFailNext);
    router.get("/admin/stats").handler(ctx -> reply(ctx, erp.stats().map(ErpAdminRoutes::statsJson)));
    router.post("/admin/reset").handler(ctx -> reply(ctx, erp.reset().map(v -> new JsonObject().put("reset", true))));
  }

  private void putBehaviour(RoutingContext ctx) {
    ErpBehaviour behaviour;
    try {
      behaviour = ErpBehaviour.fromJson(ctx.body().asJsonObject() == null ? new JsonObject() : ctx.body().asJsonObject());
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      badRequest(ctx, e);
      return;
    }
    reply(ctx, erp.behave(behaviour).map(v -> behaviour.toJson()));
  }

  private void postFailNext(RoutingContext ctx) {
    Future<Void> scripted;
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null || !(body.getValue("count") instanceof Number count)
        || !(body.getValue("status") instanceof Number status)) {
        throw new IllegalArgumentException("body must be {\"count\": <whole number>, \"status\": <HTTP status>}");
      }
      scripted = erp.failNext(count.intValue(), status.intValue());
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      badRequest(ctx, e);
      return;
    }
    reply(ctx, scripted.map(v -> ctx.body().asJsonObject()));
  }

  private static JsonObject statsJson(ErpStats stats) {
    JsonObject byReference = new JsonObject();
    stats.byReference().forEach(byReference::put);
    return new JsonObject()
      .put("received", stats.received())
      .put("posted", stats.posted())
      .put("duplicates", stats.duplicates())
      .put("invalid", stats.invalid())
      .put("faulted", stats.faulted())
      .put("byReference", byReference);
  }

  private static void reply(RoutingContext ctx, Future<JsonObject> result) {
    result.onSuccess(json -> ok(ctx, json)).onFailure(ctx::fail);
  }

  private static void ok(RoutingContext ctx, JsonObject json) {
    ReferenceErpVerticle.send(ctx.response(), 200, json);
  }

  private static void badRequest(RoutingContext ctx, Exception e) {
    String message = e instanceof DecodeException ? "body must be a JSON object" : e.getMessage();
    ReferenceErpVerticle.send(ctx.response(), 400, new JsonObject().put("error", "invalid-request").put("message", message));
  }
}
