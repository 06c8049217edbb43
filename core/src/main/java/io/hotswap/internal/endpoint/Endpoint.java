package io.hotswap.internal.endpoint;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * A host-owned entry point with a stable name: it owns its sockets or consumers for the life of the
 * host and dispatches each request or message to the generation the active binding table names.
 *
 * <p>Implementations are thread-safe; {@link #open} and {@link #close} are called once each.
 */
public interface Endpoint {

  /** The name generation code binds to. */
  String name();

  /** The position of this endpoint in the binding table. */
  int index();

  /** Whether generation code may bind a handler of {@code kind} to this endpoint. */
  boolean accepts(Binding.HandlerKind kind);

  /** The endpoint's kind, address and open connections now. */
  io.hotswap.StatusReport.EndpointStatus status();

  /** Binds the sockets or consumers on every lane; the host makes the first bind. */
  Future<Void> open();

  /** Stops accepting and lets in-flight work finish within {@code grace}. */
  Future<Void> close(Duration grace);
}
