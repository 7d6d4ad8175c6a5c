package io.stocksync.contracts.connect;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Builds the PostgreSQL pool and the broker client options every role uses from its config. */
public final class Connections {

  private Connections() {
  }

  /**
   * A pool shared by every verticle instance of one process that asks for the same name, so
   * scaling verticles to the number of cores does not multiply database connections.
   */
  public static Pool pgPool(Vertx vertx, DatabaseConfig db, String name) {
    PgConnectOptions connect = new PgConnectOptions()
      .setHost(db.host())
      .setPort(db.port())
      .setDatabase(db.database())
      .setUser(db.user())
      .setPassword(db.password())
      .setCachePreparedStatements(true)
      .setReconnectAttempts(2)
      .setReconnectInterval(500);
    PoolOptions pool = new PoolOptions()
      .setMaxSize(db.poolSize())
      .setShared(true)
      .setName(name + "@" + db.host() + ":" + db.port() + "/" + db.database())
      .setConnectionTimeout(5)
      .setMaxWaitQueueSize(10_000);
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }

  /**
   * A plain AMQP connection factory for code that drives a channel from its own thread (the
   * gateway's publisher); reconnection is left to that code, so automatic recovery is off.
   */
  public static com.rabbitmq.client.ConnectionFactory rabbitFactory(BrokerConfig broker) {
    com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
    factory.setHost(broker.host());
    factory.setPort(broker.port());
    factory.setUsername(broker.username());
    factory.setPassword(broker.password());
    factory.setVirtualHost(broker.virtualHost());
    factory.setConnectionTimeout(5_000);
    factory.setRequestedHeartbeat(30);
    factory.setAutomaticRecoveryEnabled(false);
    factory.setTopologyRecoveryEnabled(false);
    return factory;
  }

  /**
   * Broker client options: reconnect forever (also on the first connection), because a broker
   * that is down for a while must delay work, not end the process.
   */
  public static RabbitMQOptions rabbitOptions(BrokerConfig broker, String connectionName) {
    return new RabbitMQOptions()
      .setHost(broker.host())
      .setPort(broker.port())
      .setUser(broker.username())
      .setPassword(broker.password())
      .setVirtualHost(broker.virtualHost())
      .setConnectionName(connectionName)
      .setConnectionTimeout(5_000)
      .setRequestedHeartbeat(30)
      .setAutomaticRecoveryEnabled(false)
      .setAutomaticRecoveryOnInitialConnection(true)
      .setReconnectAttempts(Integer.MAX_VALUE)
      .setReconnectInterval(1_000);
  }
}
