package io.stocksync.erp;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Posts journals to an ERP and looks them up by external reference.
 *
 * <p>{@link #post} succeeds with the ERP's document (posted, or already there: {@link
 * ErpPosting#duplicate()}) or fails with one of the {@link ErpException} kinds:
 * {@link ErpTransientException} (try again later; {@link ErpCircuitOpenException} and
 * {@link ErpSaturatedException} are the connector refusing locally), {@link ErpRejectedException}
 * (the ERP refused the content: retrying cannot help) and {@link ErpUnknownOutcomeException}
 * (the request may or may not have been applied: ask {@link #find} before posting again).
 */
public interface ErpConnector {

  Future<ErpPosting> post(ErpJournal journal);

  /** Empty when the ERP does not know the reference; fails with an {@link ErpException} otherwise. */
  Future<Optional<ErpPosting>> find(String externalReference);

  /** Releases the connector's connections; later calls fail. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
