package io.stocksync.app;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An in-JVM TCP proxy that a test can cut and restore, to take a service away from stocksync
 * without stopping the machine's shared service.
 */
final class TcpProxy implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final NetClient client;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private NetServer server;

  TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = TestStack.freePort();
    this.client = vertx.createNetClient();
    restore();
  }

  int port() {
    return port;
  }

  /** Accepts connections again on the same port. */
  void restore() {
    server = await(vertx.createNetServer().connectHandler(this::pipe).listen(port, "127.0.0.1"));
  }

  /** Closes every proxied connection and refuses new ones, as a dead broker host would. */
  void cut() {
    await(server.close());
    for (NetSocket socket : sockets) {
      socket.close();
    }
    sockets.clear();
  }

  /**
   * Stops forwarding what stocksync sends (it waits in the proxy, the connection stays up), as a
   * broker that has stopped answering would, until {@link #release()}.
   */
  void hold() {
    held = true;
  }

  /** Forwards everything held, in order, and what follows. */
  void release() {
    held = false;
    for (Runnable flush : flushes) {
      flush.run();
    }
  }

  private volatile boolean held;
  private final Set<Runnable> flushes = ConcurrentHashMap.newKeySet();

  private void pipe(NetSocket inbound) {
    inbound.pause();
    sockets.add(inbound);
    io.vertx.core.Context context = vertx.getOrCreateContext();
    client.connect(targetPort, targetHost).onComplete(ar -> {
      if (ar.failed()) {
        inbound.close();
        return;
      }
      NetSocket outbound = ar.result();
      sockets.add(outbound);
      java.util.Queue<io.vertx.core.buffer.Buffer> waiting = new java.util.ArrayDeque<>();
      // runs on this connection's context only, so the queue needs no lock
      Runnable flush = () -> context.runOnContext(v -> {
        while (!waiting.isEmpty()) {
          outbound.write(waiting.poll());
        }
      });
      flushes.add(flush);
      inbound.handler(data -> {
        if (held || !waiting.isEmpty()) {
          waiting.add(data);
          if (!held) {
            flush.run();
          }
        } else {
          outbound.write(data);
        }
      });
      outbound.handler(inbound::write);
      inbound.closeHandler(v -> {
        flushes.remove(flush);
        outbound.close();
      });
      outbound.closeHandler(v -> inbound.close());
      inbound.resume();
    });
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
