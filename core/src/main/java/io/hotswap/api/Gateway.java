package io.hotswap.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.Set;

/**
 * The host's registry of the open connections of one connection endpoint (WebSocket, TCP or SSE):
 * look connections up by id, send to one, to all or to a named group, and manage group membership.
 * Obtain it with {@link Bindings#gateway(String)}; it belongs to the host and lives as long as the
 * endpoint, so connections and groups survive every reload. A connection leaves its groups when it
 * closes.
 *
 * <p>Thread-safe.
 */
public interface Gateway {

  /** The endpoint's name. */
  String endpoint();

  /** The open connection {@code id}, if any. */
  Optional<Connection> connection(String id);

  /** Sends to connection {@code id}; fails when there is no such open connection. */
  Future<Void> send(String id, Buffer message);

  /** Sends to connection {@code id}; fails when there is no such open connection. */
  Future<Void> send(String id, String message);

  /**
   * Sends to every open connection, each written on its own event loop; completes once every
   * member's loop took its turn, with how many it reached, dropped or closed ({@link Delivery}).
   * Under overload the message is shed rather than queued without bound (docs/gateways.md).
   */
  Future<Delivery> sendToAll(Buffer message);

  /** Sends a text message to every open connection; see {@link #sendToAll(Buffer)}. */
  Future<Delivery> sendToAll(String message);

  /**
   * Sends to every member of {@code group}, each written on its own event loop, in one batch per
   * loop; completes with how many it reached, dropped or closed. Never fails.
   */
  Future<Delivery> sendToGroup(String group, Buffer message);

  /**
   * Sends a text message to every member of {@code group}; see {@link #sendToGroup(String,
   * Buffer)}.
   */
  Future<Delivery> sendToGroup(String group, String message);

  /** Adds connection {@code id} to {@code group}; false when there is no such open connection. */
  boolean join(String id, String group);

  /** Removes connection {@code id} from {@code group}; false when it was not a member. */
  boolean leave(String id, String group);

  /**
   * The ids of the members of {@code group}: an immutable snapshot, kept, never copied per call.
   */
  Set<String> members(String group);

  /** The number of open connections. */
  int size();
}
