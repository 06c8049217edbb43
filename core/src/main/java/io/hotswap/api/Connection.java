package io.hotswap.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Set;

/**
 * A long connection (WebSocket, TCP or server-sent-event stream) owned by the host. The host keeps
 * it open across every reload; each of its events is handled by the generation active when the
 * event arrives. Business code may keep a connection's {@link #id()} but should not rely on the
 * object outliving its generation: look it up again through {@link Gateway#connection(String)}.
 *
 * <p>Per-connection state lives in the host as attributes whose values are of parent-first types
 * only ({@code String}, boxed primitives, {@code BigInteger}, {@code BigDecimal}, {@code
 * JsonObject}, {@code JsonArray}, {@code Buffer}), so that no generation object outlives its
 * generation.
 *
 * <p>Thread-safe: every method may be called from any thread; futures complete on the caller's
 * Vert.x context when there is one.
 */
public interface Connection {

  /** The stable id the host gave the connection, such as {@code ws-12}, {@code tcp-3}. */
  String id();

  /** The name of the endpoint that accepted the connection. */
  String endpoint();

  /** Whether the connection is still open and accepts writes. */
  boolean isOpen();

  /**
   * Sends {@code message}: a binary frame on a WebSocket, the bytes and a newline on TCP, a {@code
   * data:} event on SSE. The future fails when the connection is closed, or when the client reads
   * too slowly and the host closed the connection because of it.
   */
  Future<Void> send(Buffer message);

  /** Sends {@code message}: a text frame on a WebSocket, otherwise as {@link #send(Buffer)}. */
  Future<Void> send(String message);

  /** Bytes sent to this connection that the socket has not taken yet. */
  long pendingBytes();

  /** Closes the connection normally (WebSocket status 1000). */
  Future<Void> close();

  /**
   * Stores an attribute in the host; {@code null} removes it.
   *
   * @throws IllegalArgumentException when {@code value} is not of a parent-first value type
   */
  Connection put(String key, Object value);

  /** The attribute {@code key}, or {@code null}. */
  <T> T get(String key);

  /** The names of the groups the connection belongs to, as a snapshot. */
  Set<String> groups();
}
