package io.stocksync.gateway.masterdata;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An accepted event the workers keep until the mapping of its item appears, as the admin API
 * shows it. {@code missingSource} is empty for a GTIN; {@code releasedAt} and
 * {@code releasedOutcome} stay null while it waits.
 */
public record QuarantinedEvent(UUID transactionId, String source, String transactionKey, String type, String lane,
    String reason, String detail, String missingKind, String missingSource, String missingCode, JsonObject payload,
    Instant firstSeen, Instant lastSeen, int deliveries, int redriveAttempts, String lastError, Instant releasedAt,
    String releasedOutcome) {

  public QuarantinedEvent {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(firstSeen, "firstSeen");
    payload = payload == null ? null : payload.copy();
  }

  public boolean waiting() {
    return releasedAt == null;
  }
}
