package io.hotswap.api;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Function;

/**
 * How generation code binds its handlers to host endpoints by name. Obtain it with {@link
 * #of(Context)} in the start of a {@link GenerationEntry} instance; the bindings of all instances
 * become visible together, atomically across every endpoint, when the generation cuts over.
 *
 * <p>Bindings are fixed once the instance has started: binding later, binding one endpoint twice,
 * naming an endpoint the host does not have, or binding a handler of the wrong kind fails with an
 * {@link IllegalStateException} or {@link IllegalArgumentException}, which fails the generation
 * before it takes traffic. An instance is confined to its context, and so is its {@code Bindings}.
 */
public interface Bindings {

  /**
   * Returns the bindings of the generation instance that owns {@code context}.
   *
   * @throws IllegalStateException when the context does not belong to a hotswap generation
   */
  static Bindings of(Context context) {
    Object bindings = context == null ? null : context.get(Bindings.class);
    if (bindings instanceof Bindings) {
      return (Bindings) bindings;
    }
    throw new IllegalStateException(
        "not running inside a hotswap generation: Bindings.of(context) needs the context of a"
            + " @GenerationEntry instance deployed by hotswap");
  }

  /** The number of the generation this instance belongs to (1, 2, 3, ...). */
  long generation();

  /** The index of the host lane (event loop) this instance is pinned to. */
  int lane();

  /**
   * Binds {@code handler} to the HTTP endpoint {@code endpoint}. A request counts as in flight
   * until its response ended or its connection closed.
   */
  Bindings http(String endpoint, Handler<HttpServerRequest> handler);

  /**
   * Binds {@code handler} to the event-bus endpoint {@code endpoint}. A message sent with {@code
   * request} counts as in flight until it is replied to or failed; a message sent with {@code send}
   * or {@code publish} until the handler returns.
   */
  Bindings messages(String endpoint, Handler<Message<Object>> handler);

  /**
   * Binds {@code handler} to the event-bus endpoint {@code endpoint}: each message counts as in
   * flight until the returned future completes; a request is then replied to with the future's
   * value, or failed with its cause (code 500), unless the handler replied itself.
   */
  Bindings requests(String endpoint, Function<Message<Object>, Future<?>> handler);

  /**
   * Binds {@code handler} to the connection endpoint (WebSocket, TCP or SSE) {@code endpoint}: the
   * open, message and close events of the host's connections that arrive while this generation is
   * active are handled by it.
   */
  Bindings connections(String endpoint, ConnectionHandler handler);

  /**
   * The host's registry of the connections of endpoint {@code endpoint}; may be called at any time,
   * also after start.
   *
   * @throws IllegalArgumentException when the host has no connection endpoint of that name
   */
  Gateway gateway(String endpoint);

  /** The host's state store, shared by every generation; may be used at any time. */
  StateStore store();

  /**
   * Declares a health check: the generation takes traffic only after every instance's check
   * completed successfully within the host's check timeout. Bind in start.
   */
  Bindings healthCheck(java.util.function.Supplier<Future<?>> check);

  /** Registers how this instance exports and imports state at cutover. Bind in start. */
  Bindings handOff(StateHandOff handOff);
}
