package io.stocksync.gateway;

import io.stocksync.gateway.auth.AuthenticationHandler;
import io.stocksync.gateway.auth.ClientJson;
import io.stocksync.gateway.auth.ClientRepository;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The admin API for clients and their keys ({@code /v1/admin/clients…}, scope {@code admin}). */
final class AdminClientsHandler {

  private final Vertx vertx;
  private final ClientRepository clients;

  AdminClientsHandler(Vertx vertx, ClientRepository clients) {
    this.vertx = vertx;
    this.clients = clients;
  }

  void list(RoutingContext ctx) {
    clients.list()
      .onSuccess(list -> ctx.json(new JsonObject().put("clients",
        new JsonArray(list.stream().map(ClientJson::toJson).toList()))))
      .onFailure(ctx::fail);
  }

  void create(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
      if (body == null) {
        throw new IllegalArgumentException("send a JSON object describing the client");
      }
      var client = ClientJson.fromJson(body);
      clients.create(client)
        .onSuccess(created -> ctx.response().setStatusCode(201)
          .putHeader("Content-Type", "application/json")
          .putHeader("Location", "/v1/admin/clients/" + created.id())
          .end(ClientJson.toJson(created).toBuffer()))
        .onFailure(e -> ctx.fail(translate(e)));
    } catch (DecodeException e) {
      ctx.fail(new ProblemException(ProblemType.MALFORMED_JSON, "the body is not a JSON object: " + e.getMessage()));
    } catch (IllegalArgumentException | ClassCastException e) {
      ctx.fail(new ProblemException(ProblemType.INVALID_REQUEST, e.getMessage()));
    }
  }

  void show(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    clients.find(id)
      .compose(found -> found.isEmpty()
        ? io.vertx.core.Future.failedFuture(new ProblemException(ProblemType.NOT_FOUND, "no client with id '" + id + "'"))
        : clients.keys(id).map(keys -> ClientJson.toJson(found.get())
          .put("keys", new JsonArray(keys.stream().map(ClientJson::toJson).toList()))))
      .onSuccess(ctx::json)
      .onFailure(ctx::fail);
  }

  /** PATCH: a JSON merge patch of the client's settings; answers the client as it is now. */
  void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonObject patch;
    try {
      patch = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      ctx.fail(new ProblemException(ProblemType.MALFORMED_JSON, "the body is not a JSON object: " + e.getMessage()));
      return;
    }
    if (patch == null) {
      ctx.fail(new ProblemException(ProblemType.INVALID_REQUEST, "send a JSON object with the members to change"));
      return;
    }
    clients.update(id, current -> ClientJson.merge(current, patch))
      .onSuccess(updated -> changed(ctx, updated))
      .onFailure(e -> ctx.fail(translate(e)));
  }

  void disable(RoutingContext ctx) {
    setDisabled(ctx, true);
  }

  void enable(RoutingContext ctx) {
    setDisabled(ctx, false);
  }

  private void setDisabled(RoutingContext ctx, boolean disabled) {
    clients.setDisabled(ctx.pathParam("id"), disabled)
      .onSuccess(client -> changed(ctx, client))
      .onFailure(e -> ctx.fail(translate(e)));
  }

  private void changed(RoutingContext ctx, io.stocksync.gateway.auth.ApiClient client) {
    AuthenticationHandler.announceChange(vertx, client.id());
    ctx.json(ClientJson.toJson(client));
  }

  void issueKey(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    clients.issueKey(id, null)
      .onSuccess(key -> ctx.response().setStatusCode(201)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject()
          .put("clientId", key.clientId())
          .put("keyId", key.keyId())
          .put("apiKey", key.apiKey())
          .put("note", "store this key now: it is not shown again")
          .toBuffer()))
      .onFailure(e -> ctx.fail(translate(e)));
  }

  void revokeKey(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String keyId = ctx.pathParam("keyId");
    clients.revokeKey(id, keyId)
      .onSuccess(revoked -> {
        if (revoked) {
          AuthenticationHandler.announceChange(vertx, id);
          ctx.response().setStatusCode(204).end();
        } else {
          ctx.fail(new ProblemException(ProblemType.NOT_FOUND, "client '" + id + "' has no active key '" + keyId + "'"));
        }
      })
      .onFailure(ctx::fail);
  }

  private static Throwable translate(Throwable e) {
    if (e instanceof ClientRepository.ClientException client) {
      return new ProblemException(client.notFound() ? ProblemType.NOT_FOUND : ProblemType.CONFLICT, client.getMessage());
    }
    if (e instanceof IllegalArgumentException invalid) {
      return new ProblemException(ProblemType.INVALID_REQUEST, invalid.getMessage());
    }
    return e;
  }
}
