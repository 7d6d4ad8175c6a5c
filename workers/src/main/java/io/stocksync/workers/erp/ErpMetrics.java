package io.stocksync.workers.erp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stocksync.erp.ErpConnector;
import io.stocksync.erp.RestErpConnector;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The ERP side as Micrometer meters: call outcomes and latency, outbox backlog, breaker state. */
public final class ErpMetrics {

  private final MeterRegistry registry;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong oldestMillis = new AtomicLong();
  private final AtomicReference<ErpConnector> connector = new AtomicReference<>();

  public ErpMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("stocksync.erp.outbox.backlog", backlog, AtomicLong::get)
      .description("Postings pending or of unknown outcome").register(registry);
    Gauge.builder("stocksync.erp.outbox.oldest", oldestMillis, v -> v.get() / 1000.0).baseUnit("seconds")
      .description("Age of the oldest posting not yet posted").register(registry);
    Gauge.builder("stocksync.erp.breaker.open", connector, ErpMetrics::breakerOpen)
      .description("1 while the ERP connector's circuit breaker is open or half-open, else 0").register(registry);
  }

  private static double breakerOpen(AtomicReference<ErpConnector> ref) {
    ErpConnector c = ref.get();
    if (c instanceof RestErpConnector rest) {
      return switch (rest.breakerState()) {
        case OPEN, HALF_OPEN, FORCED_OPEN -> 1;
        default -> 0;
      };
    }
    return 0;
  }

  void watch(ErpConnector connector) {
    this.connector.set(connector);
  }

  void called(String outcome, Duration took) {
    Timer.builder("stocksync.erp.call").description("ERP posting calls by outcome")
      .tag("outcome", outcome).publishPercentiles(0.5, 0.99).register(registry).record(took);
  }

  void backlog(OutboxRepository.Backlog value) {
    backlog.set(value.count());
    oldestMillis.set(value.oldest().toMillis());
  }
}
