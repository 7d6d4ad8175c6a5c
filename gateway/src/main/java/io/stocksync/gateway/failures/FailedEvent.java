package io.stocksync.gateway.failures;

import java.time.Instant;
import java.util.UUID;

/**
 * An event a worker dead-lettered and kept, as the admin API and the command line show it.
 * {@code transactionId}, {@code source}, {@code transactionKey} and {@code type} are null for a
 * message too broken to name them; the replay members stay null until a replay is requested.
 */
public record FailedEvent(long id, UUID transactionId, String lane, String source, String transactionKey,
    String type, String body, String cause, int attempts, Instant firstFailedAt, Instant lastFailedAt,
    String status, int replays, Instant replayRequestedAt, String replayRequestedBy, Instant replayedAt,
    String replayOutcome) {
}
