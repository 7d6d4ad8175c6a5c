package io.stocksync.perf;

import io.stocksync.gateway.auth.ApiClient;
import io.stocksync.gateway.auth.ClientClass;
import io.stocksync.gateway.auth.Scope;
import io.stocksync.gateway.limit.ClientRateLimiter;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Admission cost per request of the per-client token bucket, for one hot client and for requests
 * spread over many clients (the bounded store's lookup dominates then); with two threads, as two
 * gateway event loops on this box share one limiter.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class RateLimiterBenchmark {

  @Param({"1", "10000"})
  public int clients;

  private ClientRateLimiter limiter;
  private ApiClient[] population;

  @Setup
  public void setUp() {
    limiter = new ClientRateLimiter();
    population = new ApiClient[clients];
    for (int i = 0; i < clients; i++) {
      // a limit no benchmark reaches, so every call is an admission, the common case
      population[i] = new ApiClient("client-" + i, null, ClientClass.WMS, Set.of(Scope.EVENTS_WRITE), Set.of(), Set.of(),
        1_000_000, 1_000_000, false);
    }
  }

  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  public ClientRateLimiter.Decision admit(Cursor cursor) {
    ApiClient client = population[cursor.next++ % population.length];
    return limiter.tryAcquire(client, 1);
  }
}
