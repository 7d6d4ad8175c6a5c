package io.stocksync.gateway.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.stocksync.gateway.auth.ApiClient;
import java.time.Duration;

/**
 * One token bucket per client (rate and burst from the client or its class), shared by every
 * gateway verticle of the process. Admission is a lock-free compare-and-set, never a wait. The
 * store is bounded: idle clients' buckets are dropped and start full again.
 *
 * <p>With R gateway replicas behind a load balancer, each replica holds its own buckets: a client
 * spread evenly over them gets about its rate; the worst case is R times its rate and burst.
 */
public final class ClientRateLimiter {

  /** The outcome of asking for tokens, with what the RateLimit headers report. */
  public record Decision(boolean allowed, boolean shadowed, long limit, long remaining, long retryAfterSeconds,
                         long windowSeconds) {
  }

  private record Keyed(int rate, int burst, Bucket bucket) {
  }

  private final Cache<String, Keyed> buckets = Caffeine.newBuilder()
    .maximumSize(100_000)
    .expireAfterAccess(Duration.ofMinutes(30))
    .build();

  public Decision tryAcquire(ApiClient client, long tokens) {
    int rate = client.effectiveRate();
    int burst = client.effectiveBurst();
    Keyed keyed = buckets.getIfPresent(client.id());
    if (keyed == null || keyed.rate() != rate || keyed.burst() != burst) {
      // first request of this client, or its limits changed: (re)create under the map's lock
      keyed = buckets.asMap().compute(client.id(), (id, existing) ->
        existing != null && existing.rate() == rate && existing.burst() == burst ? existing : newBucket(rate, burst));
    }
    ConsumptionProbe probe = keyed.bucket().tryConsumeAndReturnRemaining(tokens);
    long window = Math.max(1, (long) Math.ceil((double) burst / rate));
    if (probe.isConsumed()) {
      return new Decision(true, false, burst, probe.getRemainingTokens(), 0, window);
    }
    // Bucket4j says Long.MAX_VALUE when the request can never fit the bucket; cap what we report
    long retryAfter = Math.min(3_600, Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9)));
    if (client.shadowLimit()) {
      return new Decision(true, true, burst, 0, retryAfter, window);
    }
    return new Decision(false, false, burst, 0, retryAfter, window);
  }

  private static Keyed newBucket(int rate, int burst) {
    Bucket bucket = Bucket.builder()
      .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)).build())
      .build();
    return new Keyed(rate, burst, bucket);
  }
}
