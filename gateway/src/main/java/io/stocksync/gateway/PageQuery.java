package io.stocksync.gateway;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The paging of a list endpoint: {@code limit} (default 100, at most 1000) and {@code after}, an
 * opaque cursor the previous page answered as {@code next}. A cursor is the sort key of the last
 * entry shown, so pages stay stable while entries are added.
 */
record PageQuery(int limit, JsonArray after, String afterParam) {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  /** Reads the paging parameters; throws a {@code 400 invalid-query} problem for bad ones. */
  static PageQuery of(RoutingContext ctx) {
    String limit = ctx.queryParams().get("limit");
    String after = ctx.queryParams().get("after");
    return new PageQuery(limit == null ? DEFAULT_LIMIT : limit(limit), after == null ? null : decode(after),
      after);
  }

  /** The cursor that continues after an entry with this sort key. */
  static String cursor(JsonArray key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor of a list keyed by a numeric id: the page continues after {@code next}, if there is one. */
  static String idCursor(Long next) {
    return next == null ? null : cursor(new JsonArray().add(next.toString()));
  }

  /** The id an {@link #idCursor} holds, null on the first page; throws {@link #badCursor} for another cursor. */
  Long afterId() {
    if (after == null) {
      return null;
    }
    try {
      return Long.parseLong(afterString(0));
    } catch (NumberFormatException e) {
      throw badCursor(afterParam);
    }
  }

  /** A cursor that is not one this endpoint answered. */
  static ProblemException badCursor(String value) {
    return new ProblemException(ProblemType.INVALID_QUERY, "after must be the 'next' of a previous page of this list, was '"
      + (value.length() > 70 ? value.substring(0, 70) + "…" : value) + "'");
  }

  /** The string at {@code index} of the cursor; throws {@link #badCursor} if there is none. */
  String afterString(int index) {
    Object value = after.size() > index ? after.getValue(index) : null;
    if (!(value instanceof String text)) {
      throw badCursor(cursor(after));
    }
    return text;
  }

  private static int limit(String value) {
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(ProblemType.INVALID_QUERY, "limit must be a whole number from 1 to " + MAX_LIMIT
      + ", was '" + value + "'");
  }

  private static JsonArray decode(String value) {
    try {
      return new JsonArray(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw badCursor(value);
    }
  }
}
