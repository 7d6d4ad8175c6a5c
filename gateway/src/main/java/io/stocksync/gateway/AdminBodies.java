package io.stocksync.gateway;

import io.stocksync.gateway.masterdata.MappingRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** Reading the JSON bodies of the admin API of master data: a member check, strings and exact decimals. */
final class AdminBodies {

  private AdminBodies() {
  }

  /** The body as a JSON object, with only {@code members}; otherwise a 400 or a 422 naming each wrong one. */
  static JsonObject object(RoutingContext ctx, Set<String> members, String example, List<MappingRequest.FieldError> errors) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new ProblemException(ProblemType.MALFORMED_JSON, "the body is not a JSON object, e.g. " + example);
    }
    if (body == null) {
      throw new ProblemException(ProblemType.MALFORMED_JSON, "the body is empty; send a JSON object, e.g. " + example);
    }
    body.fieldNames().stream().filter(name -> !members.contains(name)).sorted().forEach(name -> errors.add(
      new MappingRequest.FieldError(name, "is not a known member; expected " + String.join(", ", members.stream().sorted()
        .toList()))));
    return body;
  }

  static String string(JsonObject body, String member, List<MappingRequest.FieldError> errors) {
    Object value = body.getValue(member);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    errors.add(new MappingRequest.FieldError(member, "must be a string"));
    return null;
  }

  /** A decimal given as a JSON number or, to be safe from any rounding on the way, a string. */
  static BigDecimal decimal(JsonObject body, String member, List<MappingRequest.FieldError> errors) {
    Object value = body.getValue(member);
    if (value == null) {
      return null;
    }
    if (value instanceof Number || value instanceof String) {
      try {
        return new BigDecimal(value.toString().trim());
      } catch (NumberFormatException e) {
        // answered below
      }
    }
    errors.add(new MappingRequest.FieldError(member, "must be a decimal number (or a string holding one), e.g. 12"));
    return null;
  }

  /** {@code 422 invalid-request} listing every error with its JSON pointer. */
  static ProblemException invalid(List<MappingRequest.FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(new JsonObject().put("pointer", "/" + e.field()).put("detail", e.detail())));
    MappingRequest.FieldError first = errors.get(0);
    return new ProblemException(ProblemType.INVALID_REQUEST, "/" + first.field() + " " + first.detail()
      + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), new JsonObject().put("errors", list), null);
  }
}
