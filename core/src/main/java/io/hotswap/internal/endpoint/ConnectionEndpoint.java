package io.hotswap.internal.endpoint;

import io.hotswap.GatewayLimits;
import io.hotswap.api.ConnectionHandler;
import io.hotswap.api.Gateway;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway endpoint (Workerman's GatewayWorker, {@code reloadable = false}): the host owns every
 * long connection, and each open, message and close event is dispatched to the generation the
 * active binding table names at that moment, on that generation's context, on the connection's
 * lane. The next event of a connection after a cutover goes to the new generation.
 *
 * <p>Design notes: an event is counted in the generation's lane ledger from dispatch until the
 * handler returned, or until the future it returned completed, so a generation retires only after
 * the events it was handling are done. Neither the registry nor the connections keep a handler or a
 * generation context: every event reads the binding table afresh. An event that no generation can
 * take gets a clear error on the connection (see {@link HostConnection#unavailable}).
 *
 * <p>Thread-safe: events are dispatched on the connection's lane thread.
 */
public abstract class ConnectionEndpoint implements Endpoint {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionEndpoint.class);

  private final String name;
  private final int index;
  private final Lanes lanes;
  private final ActiveBindings active;
  private final ConnectionRegistry registry;

  ConnectionEndpoint(
      String name,
      String idPrefix,
      GatewayLimits limits,
      int index,
      Lanes lanes,
      ActiveBindings active) {
    this.name = name;
    this.index = index;
    this.lanes = lanes;
    this.active = active;
    this.registry = new ConnectionRegistry(name, idPrefix, lanes, limits);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int index() {
    return index;
  }

  @Override
  public final boolean accepts(Binding.HandlerKind kind) {
    return kind == Binding.HandlerKind.CONNECTIONS;
  }

  @Override
  public final io.hotswap.StatusReport.EndpointStatus status() {
    return new io.hotswap.StatusReport.EndpointStatus(
        name(),
        kind(),
        address(),
        registry.size(),
        java.util.Optional.of(registry.load().status()),
        java.util.Optional.empty());
  }

  /** The endpoint's kind as status views show it. */
  abstract String kind();

  /** Where it serves, as status views show it. */
  abstract String address();

  /** The registry business code reaches through {@code Bindings#gateway}. */
  public final Gateway gateway() {
    return registry;
  }

  final ConnectionRegistry registry() {
    return registry;
  }

  final Lanes lanes() {
    return lanes;
  }

  /** Registers {@code connection} and dispatches its open event; runs on its lane thread. */
  final void opened(HostConnection connection) {
    registry.add(connection);
    dispatch(connection, Event.OPEN, null);
  }

  /** Dispatches a message; runs on the connection's lane thread. */
  final void message(HostConnection connection, Buffer message) {
    dispatch(connection, Event.MESSAGE, message);
  }

  /** Dispatches a text message; runs on the connection's lane thread. */
  final void text(HostConnection connection, String message) {
    dispatch(connection, Event.TEXT, message);
  }

  /** Unregisters {@code connection} and dispatches its close event; runs on its lane thread. */
  final void closed(HostConnection connection) {
    if (!connection.end()) {
      return;
    }
    registry.remove(connection);
    BindingTable table = active.current();
    if (table.binding(index, connection.lane()) != null) {
      dispatch(connection, Event.CLOSE, null);
    }
  }

  private void dispatch(HostConnection connection, Event event, Object payload) {
    int lane = connection.lane();
    if (!lanes.loop(lane).inEventLoop()) {
      // The ledger is confined to the lane thread (a close may be reported elsewhere).
      lanes.loop(lane).execute(() -> dispatch(connection, event, payload));
      return;
    }
    BindingTable table = active.current();
    Binding binding = table.binding(index, lane);
    if (binding == null) {
      String reason = table.unavailableReason(name);
      LOG.warn("endpoint '{}': {} of connection {} refused: {}", name, event, connection, reason);
      connection.unavailable(reason + "; try again later", event == Event.OPEN);
      return;
    }
    ContextInternal context = binding.context().duplicate();
    EventExchange exchange = new EventExchange(lanes.loop(lane));
    binding.ledger().lane(lane).add(exchange);
    ConnectionHandler handler = (ConnectionHandler) binding.handler();
    long generation = binding.generation();
    context.emit(connection, c -> handleGuarded(handler, c, event, payload, exchange, generation));
  }

  private void handleGuarded(
      ConnectionHandler handler,
      HostConnection connection,
      Event event,
      Object payload,
      EventExchange exchange,
      long generation) {
    Future<?> result;
    try {
      result =
          switch (event) {
            case OPEN -> handler.onOpen(connection);
            case MESSAGE -> handler.onMessage(connection, (Buffer) payload);
            case TEXT -> handler.onText(connection, (String) payload);
            case CLOSE -> handler.onClose(connection);
          };
    } catch (Throwable failure) {
      failed(generation, event, connection, failure);
      exchange.done();
      return;
    }
    if (result == null) {
      exchange.done();
      return;
    }
    result.onComplete(
        outcome -> {
          if (outcome.failed()) {
            failed(generation, event, connection, outcome.cause());
          }
          exchange.doneFromAnyThread();
        });
  }

  private void failed(long generation, Event event, HostConnection connection, Throwable failure) {
    LOG.error(
        "gen-{}: handler of endpoint '{}' failed on {} of connection {}",
        generation,
        name,
        event,
        connection,
        failure);
  }

  /** Closes every connection, then the endpoint's own servers, within {@code grace}. */
  @Override
  public Future<Void> close(Duration grace) {
    List<Future<Void>> closed = new ArrayList<>();
    for (HostConnection connection : registry.all()) {
      closed.add(connection.closeNormally());
    }
    return Future.join(closed).transform(ignored -> closeServers(grace));
  }

  /** Closes the sockets the endpoint listens on, if it has its own. */
  Future<Void> closeServers(Duration grace) {
    return Future.succeededFuture();
  }

  /** The kinds of connection event. */
  enum Event {
    OPEN,
    MESSAGE,
    TEXT,
    CLOSE
  }

  /** A connection event in flight; nothing to answer when the drain timeout cancels it. */
  private static final class EventExchange extends Exchange {
    EventExchange(io.netty.channel.EventLoop lane) {
      super(lane);
    }

    @Override
    boolean cancel() {
      return false;
    }
  }
}
