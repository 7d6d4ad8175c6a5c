package io.stocksync.workers;

import io.stocksync.contracts.topology.Lane;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Counts the deliveries of redelivered lane messages in PostgreSQL, so that a message that fails
 * its worker before the ack (a crash, an out-of-memory kill) is not redelivered forever on lanes
 * whose broker keeps no count of its own (classic queues).
 */
public final class DeliveryAttemptRepository {

  private final Pool pool;

  public DeliveryAttemptRepository(Pool pool) {
    this.pool = pool;
  }

  /** Records one more delivery and answers how many deliveries the message has had, this one included. */
  public Future<Integer> countRedelivery(UUID transactionId, Lane lane) {
    return pool.preparedQuery(DeliveryAttemptSql.COUNT_REDELIVERY).execute(Tuple.of(transactionId, lane.id()))
      .map(rows -> rows.iterator().next().getInteger("deliveries"));
  }

  public Future<Void> forget(UUID transactionId) {
    return pool.preparedQuery(DeliveryAttemptSql.FORGET).execute(Tuple.of(transactionId)).mapEmpty();
  }
}
