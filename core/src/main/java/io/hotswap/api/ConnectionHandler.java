package io.hotswap.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * The handler a generation binds to a connection endpoint with {@link Bindings#connections(String,
 * ConnectionHandler)}. The host calls it on the generation's own context, on the connection's event
 * loop. Each call counts as in flight for the generation until it returns, or, when it returns a
 * future, until that future completes: a generation retires only after the events it was handling
 * are done. Returning {@code null} means "done on return".
 *
 * <p>Each event goes to the generation active when it arrives, so {@link #onOpen} and {@link
 * #onClose} of one connection may be handled by different generations. An implementation must keep
 * no per-connection state of its own: attributes on the {@link Connection} live in the host.
 *
 * <p>Called from the connection's event loop; implementations need not be thread-safe beyond the
 * usual verticle rules.
 */
@FunctionalInterface
public interface ConnectionHandler {

  /** A connection opened. */
  default Future<?> onOpen(Connection connection) {
    return null;
  }

  /**
   * A message arrived: a binary WebSocket message, or one line (without its end of line) on TCP.
   */
  Future<?> onMessage(Connection connection, Buffer message);

  /** A text WebSocket message arrived; by default handled as {@link #onMessage} of its bytes. */
  default Future<?> onText(Connection connection, String message) {
    return onMessage(connection, Buffer.buffer(message));
  }

  /** The connection closed; sends to it now fail. */
  default Future<?> onClose(Connection connection) {
    return null;
  }
}
