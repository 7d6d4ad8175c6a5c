package io.stocksync.gateway;

import io.vertx.core.json.JsonObject;

/**
 * An expected failure with the problem it should be answered with. It carries no stack trace:
 * these are outcomes, not bugs.
 */
public final class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final JsonObject extensions;
  private final Integer retryAfterSeconds;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, new JsonObject(), null);
  }

  public ProblemException(ProblemType type, String detail, JsonObject extensions, Integer retryAfterSeconds) {
    super(detail, null, false, false);
    this.type = type;
    this.extensions = extensions == null ? new JsonObject() : extensions;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ProblemException brokerUnavailable(String detail) {
    return new ProblemException(ProblemType.BROKER_UNAVAILABLE, detail, null, 5);
  }

  /** Seconds a client waits after a full lane: longer than after a broker hiccup, since workers drain it. */
  public static final int LANE_FULL_RETRY_AFTER_SECONDS = 10;

  /** The broker nacked a publish to this lane: with reject-publish lanes, the lane is at its length limit. */
  public static ProblemException laneFull(String lane) {
    return new ProblemException(ProblemType.LANE_FULL, "lane '" + lane + "' is full (lanes." + lane
      + ".max-length) and refused the event; other lanes still accept. Send it again later",
      new JsonObject().put("lane", lane), LANE_FULL_RETRY_AFTER_SECONDS);
  }

  public ProblemType type() {
    return type;
  }

  public JsonObject extensions() {
    return extensions;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
