package io.stocksync.contracts.connect;

/**
 * The AMQP 0-9-1 broker a deployment talks to. RabbitMQ is the production broker; Qpid Broker-J is
 * the embedded broker of the dev role and of tests on machines without RabbitMQ. They spell queue
 * features (priority, dead-lettering) with different arguments.
 */
public enum BrokerDialect {
  RABBITMQ,
  QPID;

  public static BrokerDialect parse(String value) {
    for (BrokerDialect dialect : values()) {
      if (dialect.name().equalsIgnoreCase(value)) {
        return dialect;
      }
    }
    throw new IllegalArgumentException("broker.dialect must be rabbitmq or qpid, was '" + value + "'");
  }
}
