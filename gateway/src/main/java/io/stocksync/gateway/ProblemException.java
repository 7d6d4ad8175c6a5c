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
