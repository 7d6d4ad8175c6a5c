package io.stocksync.gateway.failures;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A failed event as JSON, the same for the admin API and the command line. */
public final class FailedEventJson {

  private FailedEventJson() {
  }

  /** The event as the API shows it; {@code full} adds its payload. */
  public static JsonObject toJson(FailedEvent e, boolean full) {
    JsonObject json = new JsonObject()
      .put("id", e.id())
      .put("transactionId", e.transactionId() == null ? null : e.transactionId().toString())
      .put("status", e.status())
      .put("lane", e.lane())
      .put("source", e.source())
      .put("transactionKey", e.transactionKey())
      .put("type", e.type())
      .put("cause", e.cause())
      .put("attempts", e.attempts())
      .put("firstFailedAt", time(e.firstFailedAt()))
      .put("lastFailedAt", time(e.lastFailedAt()))
      .put("replays", e.replays())
      .put("replayRequestedAt", time(e.replayRequestedAt()))
      .put("replayRequestedBy", e.replayRequestedBy())
      .put("replayedAt", time(e.replayedAt()))
      .put("replayOutcome", e.replayOutcome());
    if (full) {
      JsonObject event = null;
      try {
        event = new JsonObject(e.body());
      } catch (DecodeException | ClassCastException notJson) {
        // shown as it came, below
      }
      json.put("event", event).put("body", event == null ? e.body() : null);
    }
    return json;
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
