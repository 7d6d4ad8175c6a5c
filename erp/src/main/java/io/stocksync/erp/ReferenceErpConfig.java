package io.stocksync.erp;

import java.util.Objects;

/**
 * Where the reference ERP listens and how it starts out behaving.
 *
 * @param port 0 picks a free port; {@link ReferenceErpVerticle#port()} tells which
 */
public record ReferenceErpConfig(String host, int port, ErpBehaviour behaviour) {

  /** Loopback, a free port, healthy: what tests and the embedded dev mode want. */
  public static ReferenceErpConfig local() {
    return new ReferenceErpConfig("127.0.0.1", 0, ErpBehaviour.NORMAL);
  }

  public ReferenceErpConfig {
    ConfigChecks.text("erp.reference.host", host);
    ConfigChecks.between("erp.reference.port", port, 0, 65_535);
    behaviour = Objects.requireNonNullElse(behaviour, ErpBehaviour.NORMAL);
  }
}
