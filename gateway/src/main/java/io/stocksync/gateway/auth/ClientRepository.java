package io.stocksync.gateway.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Clients and their API keys in PostgreSQL, so every gateway replica agrees on who may call. */
public final class ClientRepository {

  /** A client may hold this many active keys: the old and the new one while a key rotates. */
  public static final int MAX_ACTIVE_KEYS = 2;

  /** A key just issued; the plain key is never stored and shown only this once. */
  public record IssuedKey(String clientId, String keyId, String apiKey) {
  }

  /** A key as listings show it. */
  public record KeyInfo(String keyId, String prefix, Instant createdAt, Instant revokedAt) {
  }

  /** An authenticated caller: the client and the key it used. */
  public record Authenticated(ApiClient client, String keyId, byte[] keyHash) {
  }

  /** The request cannot be carried out as asked (duplicate id, too many keys, unknown client). */
  public static final class ClientException extends RuntimeException {
    private final boolean notFound;

    ClientException(String message, boolean notFound) {
      super(message, null, false, false);
      this.notFound = notFound;
    }

    public boolean notFound() {
      return notFound;
    }
  }

  private final Pool pool;

  public ClientRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<ApiClient> create(ApiClient client) {
    return pool.preparedQuery(ClientSql.INSERT_CLIENT).execute(params(client)).map(rows -> {
      if (rows.rowCount() == 0) {
        throw new ClientException("a client with id '" + client.id() + "' already exists", false);
      }
      return client;
    });
  }

  public Future<List<ApiClient>> list() {
    return pool.query(ClientSql.SELECT_CLIENTS).execute().map(rows -> {
      List<ApiClient> clients = new ArrayList<>();
      rows.forEach(row -> clients.add(toClient(row)));
      return clients;
    });
  }

  public Future<Optional<ApiClient>> find(String id) {
    return pool.preparedQuery(ClientSql.SELECT_CLIENT).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toClient(rows.iterator().next())));
  }

  public Future<Optional<Authenticated>> authenticate(byte[] keyHash) {
    return pool.preparedQuery(ClientSql.AUTHENTICATE).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(keyHash)))
      .map(rows -> {
        if (rows.size() == 0) {
          return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new Authenticated(toClient(row), row.getString("key_id"), row.getBuffer("key_hash").getBytes()));
      });
  }

  /** Issues a key (the given one, or a generated one) unless the client already has two active keys. */
  public Future<IssuedKey> issueKey(String clientId, String apiKey) {
    String key = apiKey == null ? ApiKeys.generate() : apiKey;
    ApiKeys.requireUsable(key);
    String keyId = ApiKeys.newKeyId();
    return pool.withTransaction(conn -> lockClient(conn, clientId)
      .compose(v -> conn.preparedQuery(ClientSql.COUNT_ACTIVE_KEYS).execute(Tuple.of(clientId)))
      .compose(rows -> {
        long active = rows.iterator().next().getLong("active");
        if (active >= MAX_ACTIVE_KEYS) {
          throw new ClientException("client '" + clientId + "' already has " + MAX_ACTIVE_KEYS
            + " active keys; revoke one before issuing another", false);
        }
        return conn.preparedQuery(ClientSql.INSERT_KEY)
          .execute(Tuple.of(keyId, clientId, io.vertx.core.buffer.Buffer.buffer(ApiKeys.hash(key)),
            ApiKeys.displayPrefix(key)));
      })
      .map(rows -> new IssuedKey(clientId, keyId, key)));
  }

  /**
   * Changes a client's settings under a row lock, so two concurrent changes apply one after the
   * other; {@code change} gets the current client and returns the new one (same id).
   */
  public Future<ApiClient> update(String clientId, java.util.function.UnaryOperator<ApiClient> change) {
    return pool.withTransaction(conn -> conn.preparedQuery(ClientSql.SELECT_CLIENT_FOR_UPDATE).execute(Tuple.of(clientId))
      .compose(rows -> {
        if (rows.size() == 0) {
          throw new ClientException("no client with id '" + clientId + "'", true);
        }
        ApiClient changed = change.apply(toClient(rows.iterator().next()));
        if (!changed.id().equals(clientId)) {
          throw new IllegalArgumentException("/id cannot be changed (was '" + clientId + "')");
        }
        return conn.preparedQuery(ClientSql.UPDATE_CLIENT).execute(params(changed)).map(changed);
      }));
  }

  /** Disables or enables a client; its keys and settings stay as they are. */
  public Future<ApiClient> setDisabled(String clientId, boolean disabled) {
    return pool.preparedQuery(ClientSql.SET_DISABLED).execute(Tuple.of(clientId, disabled)).map(rows -> {
      if (rows.size() == 0) {
        throw new ClientException("no client with id '" + clientId + "'", true);
      }
      return toClient(rows.iterator().next());
    });
  }

  public Future<Boolean> revokeKey(String clientId, String keyId) {
    return pool.preparedQuery(ClientSql.REVOKE_KEY).execute(Tuple.of(clientId, keyId)).map(rows -> rows.rowCount() == 1);
  }

  public Future<List<KeyInfo>> keys(String clientId) {
    return pool.preparedQuery(ClientSql.SELECT_KEYS).execute(Tuple.of(clientId)).map(rows -> {
      List<KeyInfo> keys = new ArrayList<>();
      for (Row row : rows) {
        keys.add(new KeyInfo(row.getString("id"), row.getString("key_prefix"),
          row.getOffsetDateTime("created_at").toInstant(),
          row.getOffsetDateTime("revoked_at") == null ? null : row.getOffsetDateTime("revoked_at").toInstant()));
      }
      return keys;
    });
  }

  /**
   * Creates or updates a client and gives it exactly one active key: the given one or a new one.
   * Used to provision the demo client of the dev role on every start.
   */
  public Future<IssuedKey> provision(ApiClient client, String apiKey) {
    String key = apiKey == null ? ApiKeys.generate() : apiKey;
    ApiKeys.requireUsable(key);
    return pool.withTransaction(conn -> conn.preparedQuery(ClientSql.UPSERT_CLIENT).execute(params(client))
        .compose(v -> conn.preparedQuery(ClientSql.DELETE_KEY_BY_HASH)
          .execute(Tuple.of(client.id(), io.vertx.core.buffer.Buffer.buffer(ApiKeys.hash(key)))))
        .compose(v -> conn.preparedQuery(ClientSql.REVOKE_ALL_KEYS).execute(Tuple.of(client.id()))))
      .compose(v -> issueKey(client.id(), key));
  }

  private static Future<Void> lockClient(SqlConnection conn, String clientId) {
    return conn.preparedQuery(ClientSql.LOCK_CLIENT).execute(Tuple.of(clientId)).map(rows -> {
      if (rows.size() == 0) {
        throw new ClientException("no client with id '" + clientId + "'", true);
      }
      return null;
    });
  }

  private static Tuple params(ApiClient client) {
    return Tuple.tuple()
      .addString(client.id())
      .addString(client.name())
      .addString(client.clientClass().wireName())
      .addArrayOfString(client.scopes().stream().map(Scope::wireName).sorted().toArray(String[]::new))
      .addArrayOfString(client.eventTypes().stream().sorted().toArray(String[]::new))
      .addArrayOfString(client.locations().stream().sorted().toArray(String[]::new))
      .addInteger(client.ratePerSecond())
      .addInteger(client.burst())
      .addBoolean(client.shadowLimit());
  }

  static ApiClient toClient(Row row) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String scope : row.getArrayOfStrings("scopes")) {
      scopes.add(Scope.parse(scope));
    }
    return new ApiClient(
      row.getString("id"),
      row.getString("name"),
      ClientClass.parse(row.getString("client_class")),
      scopes,
      Arrays.stream(row.getArrayOfStrings("event_types")).collect(Collectors.toSet()),
      Arrays.stream(row.getArrayOfStrings("locations")).collect(Collectors.toSet()),
      row.getInteger("rate_per_second"),
      row.getInteger("burst"),
      row.getBoolean("shadow_limit"),
      row.getBoolean("disabled"));
  }
}
