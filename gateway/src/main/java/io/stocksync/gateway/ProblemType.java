package io.stocksync.gateway;

/**
 * Every kind of failure the gateway answers with, as an RFC 9457 problem type. The slugs are
 * stable: clients may branch on them. docs/problems.md describes each one.
 */
public enum ProblemType {
  MALFORMED_JSON(400, "malformed-json", "Request body is not well-formed JSON"),
  BAD_REQUEST(400, "bad-request", "The request is malformed"),
  INVALID_IDEMPOTENCY_KEY(400, "invalid-idempotency-key", "The Idempotency-Key header is invalid"),
  INVALID_QUERY(400, "invalid-query", "Query or path parameters are missing or invalid"),
  UNAUTHORIZED(401, "unauthorized", "Missing or invalid credentials"),
  FORBIDDEN(403, "forbidden", "The client may not do this"),
  NOT_FOUND(404, "not-found", "No such resource"),
  TRANSACTION_NOT_FOUND(404, "transaction-not-found", "No stage of this transaction is recorded yet"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported content type"),
  REQUEST_TIMEOUT(408, "request-timeout", "The request was not completed in time"),
  CONFLICT(409, "conflict", "The request conflicts with the current state"),
  MAPPING_CONFLICT(409, "mapping-conflict", "The code is already mapped to another SKU"),
  IDEMPOTENCY_IN_FLIGHT(409, "idempotency-request-in-flight", "A request with this Idempotency-Key is in progress"),
  INVALID_EVENT(422, "invalid-event", "Event does not match the contract"),
  IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "This Idempotency-Key was used for a different request"),
  INVALID_REQUEST(422, "invalid-request", "Request body is invalid"),
  RATE_LIMITED(429, "rate-limited", "Too many requests from this client"),
  BROKER_UNAVAILABLE(503, "broker-unavailable", "The event was not accepted; send it again later"),
  LANE_FULL(503, "lane-full", "The event's lane is full; send it again later"),
  DATABASE_UNAVAILABLE(503, "database-unavailable", "The ledger cannot be read right now"),
  INTERNAL(500, "internal", "Internal error");

  public static final String BASE_URI = "https://stocksync.io/problems/";

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String uri() {
    return BASE_URI + slug;
  }

  public String title() {
    return title;
  }
}
