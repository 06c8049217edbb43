package io.hotswap.internal.endpoint;

import io.vertx.core.internal.ContextInternal;

/**
 * A generation instance's handler for one endpoint on one lane: the instance's pinned context, its
 * handler, and the ledger its in-flight work is counted in. Immutable.
 *
 * @param context the instance's context, pinned to the instance's lane
 * @param handler the handler bound through {@code Bindings}; its type depends on the endpoint
 * @param kind which {@code Bindings} method bound it
 * @param generation the generation's id
 * @param ledger the generation's in-flight ledger
 * @param ownLane whether the instance is pinned to the lane this binding serves; a lane without an
 *     instance of its own borrows another lane's (fewer instances than lanes)
 */
public record Binding(
    ContextInternal context,
    Object handler,
    HandlerKind kind,
    long generation,
    InflightLedger ledger,
    boolean ownLane) {

  /** Which kind of handler a binding carries. */
  public enum HandlerKind {
    /** {@code Handler<HttpServerRequest>}. */
    HTTP,
    /** {@code Handler<Message<Object>>}. */
    MESSAGES,
    /** {@code Function<Message<Object>, Future<?>>}. */
    REQUESTS,
    /** {@code io.hotswap.api.ConnectionHandler}. */
    CONNECTIONS
  }

  /** The same binding served on a lane that has no instance of its own. */
  public Binding borrowed() {
    return new Binding(context, handler, kind, generation, ledger, false);
  }
}
