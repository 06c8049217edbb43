package io.hotswap.internal.generation;

import io.hotswap.api.Bindings;
import io.hotswap.api.ConnectionHandler;
import io.hotswap.api.Gateway;
import io.hotswap.api.StateHandOff;
import io.hotswap.api.StateStore;
import io.hotswap.internal.endpoint.Binding.HandlerKind;
import io.hotswap.internal.endpoint.ConnectionEndpoint;
import io.hotswap.internal.endpoint.Endpoint;
import io.hotswap.internal.endpoint.EndpointRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link Bindings} of one generation instance: records the handlers it binds while it starts,
 * checks each against the host's endpoints, and is sealed once the instance started.
 *
 * <p>Written by the instance's context during start, read by the supervisor after the start future
 * completed (which orders the two); {@code sealed} is volatile for late binders.
 */
public final class InstanceBindings implements Bindings {
  private final long generation;
  private final int lane;
  private final EndpointRegistry endpoints;
  private final Map<Endpoint, BoundHandler> bound = new LinkedHashMap<>();
  private final List<Future<Void>> opens = new ArrayList<>();
  private final StateStore store;
  private Supplier<Future<?>> healthCheck;
  private StateHandOff handOff;
  private volatile boolean sealed;

  InstanceBindings(long generation, int lane, EndpointRegistry endpoints, StateStore store) {
    this.store = store;
    this.generation = generation;
    this.lane = lane;
    this.endpoints = endpoints;
  }

  @Override
  public long generation() {
    return generation;
  }

  @Override
  public int lane() {
    return lane;
  }

  @Override
  public Bindings http(String endpoint, Handler<HttpServerRequest> handler) {
    return bind(endpoint, HandlerKind.HTTP, handler);
  }

  @Override
  public Bindings messages(String endpoint, Handler<Message<Object>> handler) {
    return bind(endpoint, HandlerKind.MESSAGES, handler);
  }

  @Override
  public Bindings requests(String endpoint, Function<Message<Object>, Future<?>> handler) {
    return bind(endpoint, HandlerKind.REQUESTS, handler);
  }

  @Override
  public Bindings connections(String endpoint, ConnectionHandler handler) {
    return bind(endpoint, HandlerKind.CONNECTIONS, handler);
  }

  @Override
  public Gateway gateway(String name) {
    if (endpoints.find(name) instanceof ConnectionEndpoint endpoint) {
      return endpoint.gateway();
    }
    throw new IllegalArgumentException(
        "gen-" + generation + ": the host has no connection endpoint named '" + name + "'");
  }

  private Bindings bind(String name, HandlerKind kind, Object handler) {
    Objects.requireNonNull(handler, "handler");
    if (sealed) {
      throw new IllegalStateException(
          "gen-"
              + generation
              + ": bindings are fixed once the instance has started; bind '"
              + name
              + "' in start()");
    }
    Endpoint endpoint = endpoints.find(name);
    if (endpoint == null) {
      throw new IllegalArgumentException(
          "gen-"
              + generation
              + ": the host has no endpoint named '"
              + name
              + "'; it has "
              + endpoints.list().stream().map(Endpoint::name).toList());
    }
    if (!endpoint.accepts(kind)) {
      throw new IllegalArgumentException(
          "gen-"
              + generation
              + ": endpoint '"
              + name
              + "' does not take a "
              + kind
              + " handler (HTTP endpoints take http(...), event-bus endpoints messages(...) or"
              + " requests(...), WebSocket, TCP and SSE endpoints connections(...))");
    }
    if (bound.putIfAbsent(endpoint, new BoundHandler(kind, handler, false)) != null) {
      throw new IllegalStateException(
          "gen-" + generation + ": endpoint '" + name + "' is bound twice by one instance");
    }
    return this;
  }

  /**
   * Binds {@code handler} to an endpoint that unmodified Vert.x code asked for with {@code what}
   * ({@code listen()}, {@code consumer()}); the instance's start completes only once {@code opened}
   * did, so a port the host cannot bind fails the generation. Several instances on one lane may
   * bind such an endpoint (the first one takes that lane's traffic).
   *
   * @throws IllegalStateException when the instance has started, or bound the endpoint already
   */
  public void bindOnFirstUse(
      Endpoint endpoint, HandlerKind kind, Object handler, Future<Void> opened, String what) {
    Objects.requireNonNull(handler, "handler");
    if (sealed) {
      throw new IllegalStateException(
          "gen-"
              + generation
              + ": "
              + what
              + " for '"
              + endpoint.name()
              + "' after the verticle started is not supported in a hotswap generation: call it"
              + " in start(), or in a verticle deployed from start()");
    }
    if (bound.putIfAbsent(endpoint, new BoundHandler(kind, handler, true)) != null) {
      throw new IllegalStateException(
          "gen-"
              + generation
              + ": "
              + what
              + " for '"
              + endpoint.name()
              + "' twice in one verticle instance is not supported in a hotswap generation");
    }
    opens.add(opened);
  }

  /** The opens of the endpoints this instance bound on first use. */
  List<Future<Void>> opens() {
    return List.copyOf(opens);
  }

  @Override
  public StateStore store() {
    return store;
  }

  @Override
  public Bindings healthCheck(Supplier<Future<?>> check) {
    requireOpen("a health check");
    if (healthCheck != null) {
      throw new IllegalStateException("gen-" + generation + ": one health check per instance");
    }
    healthCheck = Objects.requireNonNull(check, "check");
    return this;
  }

  @Override
  public Bindings handOff(StateHandOff handOff) {
    requireOpen("a state hand-off");
    if (this.handOff != null) {
      throw new IllegalStateException("gen-" + generation + ": one state hand-off per instance");
    }
    this.handOff = Objects.requireNonNull(handOff, "handOff");
    return this;
  }

  private void requireOpen(String what) {
    if (sealed) {
      throw new IllegalStateException(
          "gen-" + generation + ": declare " + what + " in start(), before the instance started");
    }
  }

  /** The health check declared, or {@code null}. */
  Supplier<Future<?>> declaredHealthCheck() {
    return healthCheck;
  }

  /** The state hand-off declared, or {@code null}. */
  StateHandOff declaredHandOff() {
    return handOff;
  }

  /** Stops further binding; called when the instance's start completed or failed. */
  void seal() {
    sealed = true;
  }

  /** The handlers bound, by endpoint, in binding order. */
  Map<Endpoint, BoundHandler> bound() {
    return bound;
  }

  /**
   * A handler and the method that bound it; {@code shared} when unmodified code bound it, and
   * another instance on the same lane may have bound the same endpoint.
   */
  record BoundHandler(HandlerKind kind, Object handler, boolean shared) {}
}
