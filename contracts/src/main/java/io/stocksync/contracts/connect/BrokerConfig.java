package io.stocksync.contracts.connect;

/** How to reach the AMQP 0-9-1 broker that holds the lanes. */
public record BrokerConfig(
  String host, int port, String username, String password, String virtualHost, BrokerDialect dialect) {

  public BrokerConfig {
    DatabaseConfig.requireText(host, "broker.host");
    DatabaseConfig.requireText(username, "broker.user");
    password = password == null ? "" : password;
    virtualHost = virtualHost == null || virtualHost.isBlank() ? "/" : virtualHost;
    dialect = dialect == null ? BrokerDialect.RABBITMQ : dialect;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("broker.port must be between 1 and 65535, was " + port);
    }
  }

  @Override
  public String toString() {
    return "amqp://" + username + "@" + host + ":" + port + "/" + virtualHost + " (" + dialect.name().toLowerCase() + ")";
  }
}
