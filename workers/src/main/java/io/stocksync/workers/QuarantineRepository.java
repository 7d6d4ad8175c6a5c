package io.stocksync.workers;

import io.stocksync.contracts.event.InventoryEvent;
import io.stocksync.contracts.event.LaneMessageCodec;
import io.stocksync.contracts.topology.Lane;
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
 * Item resolution and the quarantine: an event that names its item by a GTIN or a partner code
 * with no mapping yet is kept here, never dropped, and applied once the mapping exists.
 */
public final class QuarantineRepository {

  /** What an event is waiting for: a GTIN ({@code source} empty) or one source's partner code. */
  public record Missing(String kind, String source, String code) {

    static Missing of(InventoryEvent event) {
      if (event.item().gtin() != null && event.item().partnerCode() == null) {
        return new Missing("gtin", "", event.item().gtin());
      }
      return new Missing("partner", event.source(), event.item().partnerCode());
    }

    String describe() {
      return "gtin".equals(kind)
        ? "no SKU is mapped to GTIN " + code
        : "no SKU is mapped to partner code " + code + " of source " + source;
    }
  }

  /** What releasing one quarantined event did, if it was still waiting. */
  public record Release(UUID transactionId, Lane lane, LedgerRepository.Outcome outcome) {
  }

  private final Pool pool;
  private final LedgerRepository ledger;
  private final LaneMessageCodec codec = new LaneMessageCodec();

  public QuarantineRepository(Pool pool, LedgerRepository ledger) {
    this.pool = pool;
    this.ledger = ledger;
  }

  /**
   * The event with its SKU: as sent, or through the item mappings (a partner code first, since it is
   * the sender's own word; then the GTIN). Empty when no mapping names it yet.
   */
  public Future<Optional<InventoryEvent>> resolve(InventoryEvent event) {
    if (event.sku() != null) {
      return Future.succeededFuture(Optional.of(event));
    }
    Future<Optional<String>> sku = event.item().partnerCode() != null
      ? lookup("partner", event.source(), event.item().partnerCode())
      : Future.succeededFuture(Optional.empty());
    return sku
      .compose(found -> found.isPresent() || event.item().gtin() == null
        ? Future.succeededFuture(found)
        : lookup("gtin", "", event.item().gtin()))
      .map(found -> found.map(event::withSku));
  }

  private Future<Optional<String>> lookup(String kind, String source, String code) {
    return pool.preparedQuery(QuarantineSql.RESOLVE_ITEM).execute(Tuple.of(kind, source, code))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("sku")));
  }

  /** Keeps the event; answers true the first time, false for a later delivery of the same event. */
  public Future<Boolean> quarantine(InventoryEvent event, Lane lane, JsonObject payload) {
    Missing missing = Missing.of(event);
    Tuple params = Tuple.tuple()
      .addString(event.source())
      .addString(event.transactionKey())
      .addUUID(event.transactionId())
      .addString(event.type().wireName())
      .addString(lane.id())
      .addString("unknown-item")
      .addString(missing.describe())
      .addString(missing.kind())
      .addString(missing.source())
      .addString(missing.code())
      .addValue(payload);
    return pool.preparedQuery(QuarantineSql.QUARANTINE).execute(params)
      .map(rows -> rows.iterator().next().getBoolean("first_time"));
  }

  /** Transaction ids of quarantined events whose mapping has appeared. */
  public Future<List<UUID>> releasable(int limit) {
    return pool.preparedQuery(QuarantineSql.RELEASABLE).execute(Tuple.of(limit)).map(rows -> {
      List<UUID> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getUUID("transaction_id")));
      return ids;
    });
  }

  /**
   * Applies one quarantined event and marks it released, in one transaction: either both happen or
   * it stays waiting. Empty when another worker released it first.
   */
  public Future<Optional<Release>> release(UUID transactionId) {
    return pool.withTransaction(conn -> conn.preparedQuery(QuarantineSql.CLAIM).execute(Tuple.of(transactionId))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.succeededFuture(Optional.<Release>empty());
        }
        Row row = rows.iterator().next();
        Lane lane = Lane.parse(row.getString("lane"));
        JsonObject payload = (JsonObject) row.getValue("payload");
        InventoryEvent event = codec.decode(payload.toBuffer().getBytes()).withSku(row.getString("sku"));
        return ledger.apply(conn, event, lane, payload)
          .compose(outcome -> conn.preparedQuery(QuarantineSql.RELEASED)
            .execute(Tuple.of(transactionId, outcome == LedgerRepository.Outcome.APPLIED ? "applied" : "duplicate"))
            .map(done -> Optional.of(new Release(transactionId, lane, outcome))));
      }));
  }

  /** Remembers why a release failed; the event stays waiting and is tried again. */
  public Future<Void> releaseFailed(UUID transactionId, Throwable cause) {
    return pool.preparedQuery(QuarantineSql.REDRIVE_FAILED)
      .execute(Tuple.of(transactionId, String.valueOf(cause.getMessage())))
      .mapEmpty();
  }
}
