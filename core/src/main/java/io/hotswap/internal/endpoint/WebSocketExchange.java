package io.hotswap.internal.endpoint;

import io.vertx.core.http.ServerWebSocket;

/**
 * A WebSocket of an unmodified server, counted in flight while it is open: cancelled by closing it
 * (1001, going away). Not timed as a request.
 *
 * <p>Confined to its lane's thread like every {@link Exchange}.
 */
final class WebSocketExchange extends Exchange {
  ServerWebSocket socket;

  WebSocketExchange(io.netty.channel.EventLoop lane) {
    super(lane);
  }

  @Override
  boolean timeable() {
    return false;
  }

  @Override
  boolean cancel() {
    ServerWebSocket open = socket;
    if (open == null || open.isClosed()) {
      return false;
    }
    open.close((short) 1001, "the generation serving this WebSocket retired");
    return true;
  }
}
