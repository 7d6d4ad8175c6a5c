package io.stocksync.workers;

import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.LaneMessageCodec;
import io.stocksync.contracts.topology.Lane;
import io.stocksync.contracts.units.UnitCatalog;
import io.stocksync.workers.MasterDataResolver.Missing;
import io.stocksync.workers.MasterDataResolver.Ready;
import io.stocksync.workers.MasterDataResolver.Resolution;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The quarantine: an event whose item, location or unit stocksync cannot resolve yet, or that its
 * source may not apply without stock, is kept here, never dropped, and applied once the missing
 * mapping, pack size, location or stock exists.
 */
public final class QuarantineRepository {

  /** What releasing one quarantined event did, if it was still waiting and could now be resolved. */
  public record Release(UUID transactionId, Lane lane, LedgerRepository.Outcome outcome) {
  }

  private final Pool pool;
  private final LedgerRepository ledger;
  private final UnitCatalog units;
  private final MasterDataPolicy policy;
  private final LaneMessageCodec codec = new LaneMessageCodec();
  private final MasterDataResolver resolver;

  public QuarantineRepository(Pool pool, LedgerRepository ledger, UnitCatalog units, MasterDataPolicy policy) {
    this.pool = pool;
    this.ledger = ledger;
    this.units = units;
    this.policy = policy;
    this.resolver = new MasterDataResolver(pool, units, policy.locationsRequired());
  }

  /** The event in the ledger's terms, or what it still misses; see {@link MasterDataResolver}. */
  public Future<Resolution> resolve(InventoryEvent event) {
    return resolver.resolve(event);
  }

  /** Keeps the event; answers true the first time, false for a later delivery of the same event. */
  public Future<Boolean> quarantine(InventoryEvent event, Lane lane, JsonObject payload, Missing missing) {
    Tuple params = Tuple.tuple()
      .addString(event.source())
      .addString(event.transactionKey())
      .addUUID(event.transactionId())
      .addString(event.type().wireName())
      .addString(lane.id())
      .addString(missing.reason())
      .addString(missing.detail())
      .addString(missing.kind())
      .addString(missing.source())
      .addString(missing.code())
      .addValue(payload)
      .addLong(missing.stockMovementId());
    return pool.preparedQuery(QuarantineSql.QUARANTINE).execute(params)
      .map(rows -> rows.iterator().next().getBoolean("first_time"));
  }

  /** Transaction ids of quarantined events whose missing mapping or pack size has appeared. */
  public Future<List<UUID>> releasable(int limit) {
    Tuple params = Tuple.tuple()
      .addInteger(limit)
      .addBoolean(policy.locationsRequired())
      .addBoolean(policy.negativeOnHand().refuseByDefault())
      .addArrayOfString(policy.negativeOnHand().sources(true).toArray(String[]::new))
      .addArrayOfString(policy.negativeOnHand().sources(false).toArray(String[]::new));
    return pool.preparedQuery(QuarantineSql.RELEASABLE).execute(params).map(rows -> {
      List<UUID> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getUUID("transaction_id")));
      return ids;
    });
  }

  /**
   * Resolves one quarantined event again and, when it is ready, applies it and marks it released,
   * in one transaction. When it now misses something else (its item is mapped, but its unit is not
   * convertible, or its source may not take the stock below zero), it stays quarantined with the
   * new reason. Empty when it was not released.
   */
  public Future<Optional<Release>> release(UUID transactionId) {
    return claimAndApply(transactionId);
  }

  private static Future<Void> stillMissing(io.vertx.sqlclient.SqlClient client, UUID transactionId, Missing missing) {
    return client.preparedQuery(QuarantineSql.STILL_MISSING).execute(Tuple.tuple().addUUID(transactionId)
        .addString(missing.reason()).addString(missing.detail()).addString(missing.kind()).addString(missing.source())
        .addString(missing.code()).addLong(missing.stockMovementId()))
      .mapEmpty();
  }

  private Future<Optional<Release>> claimAndApply(UUID transactionId) {
    return pool.withTransaction(conn -> conn.preparedQuery(QuarantineSql.CLAIM).execute(Tuple.of(transactionId))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.succeededFuture(Optional.<Release>empty());
        }
        Row row = rows.iterator().next();
        Lane lane = Lane.parse(row.getString("lane"));
        JsonObject payload = (JsonObject) row.getValue("payload");
        InventoryEvent event = codec.decode(payload.toBuffer().getBytes());
        return new MasterDataResolver(conn, units, policy.locationsRequired()).resolve(event).compose(resolution -> {
          if (resolution instanceof Missing missing) {
            return stillMissing(conn, transactionId, missing).map(done -> Optional.<Release>empty());
          }
          return ledger.apply(conn, ((Ready) resolution).event(), lane, payload)
            .compose(outcome -> conn.preparedQuery(QuarantineSql.RELEASED)
              .execute(Tuple.of(transactionId, outcome == LedgerRepository.Outcome.APPLIED ? "applied" : "duplicate"))
              .map(done -> Optional.of(new Release(transactionId, lane, outcome))))
            // undone to its savepoint: note what the event saw, so that it is tried again once stock moves
            .recover(e -> e instanceof LedgerRepository.InsufficientStockException stock
              ? stillMissing(conn, transactionId, Missing.stock(stock)).map(done -> Optional.<Release>empty())
              : Future.failedFuture(e));
        });
      }));
  }

  /** Remembers why a release failed; the event stays waiting and is tried again. */
  public Future<Void> releaseFailed(UUID transactionId, Throwable cause) {
    return pool.preparedQuery(QuarantineSql.REDRIVE_FAILED)
      .execute(Tuple.of(transactionId, String.valueOf(cause.getMessage())))
      .mapEmpty();
  }
}
