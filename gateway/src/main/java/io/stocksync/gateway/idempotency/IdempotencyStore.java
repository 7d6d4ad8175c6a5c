package io.stocksync.gateway.idempotency;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

/**
 * Idempotency-Key semantics (IETF draft "The Idempotency-Key HTTP Header Field"), scoped to the
 * client and kept in PostgreSQL so that every replica agrees: the first request claims the key,
 * its final answer is stored, a retry with the same body gets that answer again, the same key
 * with another body is refused, and a retry while the first is still running is told so.
 */
public final class IdempotencyStore {

  /** A claim is abandoned (its gateway died) this long after the request's own timeout, at least a minute. */
  static final Duration ABANDON_MARGIN = Duration.ofSeconds(30);

  /** What claiming a key found. */
  public sealed interface Claim permits Claimed, Replay, InFlight, Mismatch {
  }

  /** The key is ours: process the request, then {@link #complete} or {@link #release}. */
  public record Claimed() implements Claim {
  }

  /** The key was used for this very request before: answer what was answered then. */
  public record Replay(int status, JsonObject body, UUID transactionId) implements Claim {
  }

  /** The first request with this key is still being processed. */
  public record InFlight() implements Claim {
  }

  /** The key was used for a different request. */
  public record Mismatch() implements Claim {
  }

  private final Pool pool;
  private final Duration ttl;
  private final Duration abandonedAfter;

  public IdempotencyStore(Pool pool, Duration ttl, Duration requestTimeout) {
    this.pool = pool;
    this.ttl = ttl;
    Duration afterTimeout = requestTimeout.plus(ABANDON_MARGIN);
    this.abandonedAfter = afterTimeout.compareTo(Duration.ofSeconds(60)) > 0 ? afterTimeout : Duration.ofSeconds(60);
  }

  public Duration ttl() {
    return ttl;
  }

  public static byte[] requestHash(String method, String path, Buffer body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      if (body != null) {
        digest.update(body.getBytes());
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims the key for the request with this transaction id, which then owns the claim. */
  public Future<Claim> claim(String clientId, String key, byte[] requestHash, UUID owner) {
    return tryClaim(clientId, key, requestHash, owner, 0);
  }

  private Future<Claim> tryClaim(String clientId, String key, byte[] requestHash, UUID owner, int attempt) {
    Tuple claim = Tuple.of(clientId, key, Buffer.buffer(requestHash), (double) ttl.toSeconds(),
      (double) abandonedAfter.toSeconds(), owner);
    return pool.preparedQuery(IdempotencySql.CLAIM).execute(claim).compose(rows -> {
      if (rows.size() == 1) {
        return Future.succeededFuture(new Claimed());
      }
      return pool.preparedQuery(IdempotencySql.SELECT).execute(Tuple.of(clientId, key)).compose(existing -> {
        if (existing.size() == 0) {
          // it expired or was released between the two statements: claim again, once
          return attempt == 0 ? tryClaim(clientId, key, requestHash, owner, 1) : Future.succeededFuture(new InFlight());
        }
        return Future.succeededFuture(classify(existing.iterator().next(), requestHash));
      });
    });
  }

  private static Claim classify(Row row, byte[] requestHash) {
    if (!Arrays.equals(row.getBuffer("request_hash").getBytes(), requestHash)) {
      return new Mismatch();
    }
    if ("in_flight".equals(row.getString("state"))) {
      return new InFlight();
    }
    return new Replay(row.getInteger("status"), new JsonObject(row.getString("response_body")),
      row.getUUID("transaction_id"));
  }

  public Future<Void> complete(String clientId, String key, int status, JsonObject body, UUID transactionId) {
    return pool.preparedQuery(IdempotencySql.COMPLETE)
      .execute(Tuple.of(clientId, key, status, body.encode(), transactionId))
      .mapEmpty();
  }

  /** Gives the key back after a failure the client should retry (a 5xx): nothing was accepted under it. */
  public Future<Void> release(String clientId, String key, UUID owner) {
    return pool.preparedQuery(IdempotencySql.RELEASE).execute(Tuple.of(clientId, key, owner)).mapEmpty();
  }

  public Future<Integer> purgeExpired() {
    return pool.query(IdempotencySql.PURGE_EXPIRED).execute().map(rows -> rows.rowCount());
  }
}
