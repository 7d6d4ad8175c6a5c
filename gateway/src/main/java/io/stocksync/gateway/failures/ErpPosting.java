package io.stocksync.gateway.failures;

import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.UUID;

/** A posting of the ERP outbox, as the admin API shows it; {@code eventId} is its ledger event, the page key. */
public record ErpPosting(long eventId, UUID transactionId, String reference, String status, String lane, String type,
    JsonArray lines, int attempts, String lastError, String documentId, Instant createdAt, Instant nextAttemptAt,
    Instant failedAt, Instant postedAt, Instant retryRequestedAt, String retryRequestedBy) {

  public ErpPosting {
    lines = lines == null ? null : lines.copy();
  }
}
