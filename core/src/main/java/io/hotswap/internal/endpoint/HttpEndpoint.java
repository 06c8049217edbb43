package io.hotswap.internal.endpoint;

import io.hotswap.EndpointSpec;
import io.hotswap.StatusReport;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP endpoint: one host {@link HttpServer} per lane, all on one port (Vert.x balances
 * connections between them), so keep-alive connections belong to the host and outlive every
 * generation. An endpoint created on first use by an application's server ({@link #onDemand})
 * listens only on the lanes of the instances that asked, as Vert.x does. Each request is dispatched
 * to the generation the active binding table names for this endpoint and lane, on that generation's
 * context, inline on the connection's thread. That context holds the request's context locals
 * ({@link ContextLocals}), so a tracer's server span is the generation code's current span.
 *
 * <p>Design notes: the request handed to business code is re-homed ({@link
 * RehomedHttpServerRequest}) so that every later callback of the request also runs on the
 * generation's context; the exchange is counted in the generation's lane ledger from dispatch until
 * the response ended or the connection closed. A handler that throws gets a 500 instead of a
 * hanging request. Requests that arrive while no generation binds this endpoint get a 503, and so
 * do requests past the endpoint's in-flight bound ({@link InFlightLimit}), before generation code
 * sees them.
 *
 * <p>Thread-safe: dispatch runs on lane threads and touches only lane-confined state.
 */
public final class HttpEndpoint implements Endpoint {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
  private static final AtomicInteger SHARED_RANDOM_PORT = new AtomicInteger(1);

  /** The header that sends a loopback request to the generation being warmed up. */
  public static final String WARM_UP_HEADER = "x-hotswap-warm-up";

  private final Vertx vertx;
  private final EndpointSpec.Http spec;
  private final int index;
  private final Lanes lanes;
  private final ActiveBindings active;
  private final List<HttpServer> servers = new ArrayList<>();
  private final AtomicInteger openConnections = new AtomicInteger();
  private final Map<String, HttpRoute> routes = new ConcurrentHashMap<>();
  private final InFlightLimit limit;
  private final ContextLocals locals;
  private final int firstLane;
  private final Map<Integer, Future<Integer>> listening = new ConcurrentHashMap<>();
  private volatile Future<Void> opened;
  private volatile HttpServerOptions listenOptions;
  private volatile int port = -1;

  /** Creates the endpoint; nothing is bound until {@link #open()}, which listens on every lane. */
  public HttpEndpoint(
      Vertx vertx, EndpointSpec.Http spec, int index, Lanes lanes, ActiveBindings active) {
    this(vertx, spec, index, lanes, active, -1);
  }

  private HttpEndpoint(
      Vertx vertx,
      EndpointSpec.Http spec,
      int index,
      Lanes lanes,
      ActiveBindings active,
      int firstLane) {
    this.vertx = vertx;
    this.spec = spec;
    this.index = index;
    this.lanes = lanes;
    this.active = active;
    this.limit = new InFlightLimit(spec.name(), spec.maxInFlight(), lanes.size());
    this.locals = new ContextLocals(vertx);
    this.firstLane = firstLane;
  }

  /**
   * Creates an endpoint that accepts connections only on the lanes a server of the application
   * listens from, as Vert.x does for a server with fewer instances than event loops: {@link
   * #open()} listens on {@code firstLane}, {@link #listenOn(int)} adds a lane. A connection then
   * lands on a lane that has an instance of its own, and its requests are not handed to another
   * event loop (unless a later generation has fewer instances than the lanes already open).
   */
  public static HttpEndpoint onDemand(
      Vertx vertx,
      EndpointSpec.Http spec,
      int index,
      Lanes lanes,
      ActiveBindings active,
      int firstLane) {
    return new HttpEndpoint(vertx, spec, index, lanes, active, firstLane);
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public boolean accepts(Binding.HandlerKind kind) {
    return kind == Binding.HandlerKind.HTTP;
  }

  /**
   * Hands the requests on {@code path} that {@code route} wants to it, before normal dispatch.
   *
   * @throws IllegalStateException when another route already has the path
   */
  void route(String path, HttpRoute route) {
    if (routes.putIfAbsent(path, route) != null) {
      throw new IllegalStateException(
          "HTTP endpoint '" + spec.name() + "' already routes path " + path + " to an endpoint");
    }
  }

  /** The bound port, or -1 before {@link #open()} completed. */
  public int port() {
    return port;
  }

  @Override
  public StatusReport.EndpointStatus status() {
    return new StatusReport.EndpointStatus(
        spec.name(),
        "http",
        Integer.toString(port),
        openConnections.get(),
        java.util.Optional.empty(),
        java.util.Optional.of(
            new StatusReport.InFlightStatus(limit.inFlight(), limit.max(), limit.rejected())));
  }

  @Override
  public Future<Void> open() {
    HttpServerOptions options = spec.options();
    if (options.getPort() == 0) {
      // Vert.x shares a port between servers only when it is known up front; a negative port
      // asks for a random port shared by every server that names the same negative number.
      options.setPort(-SHARED_RANDOM_PORT.getAndIncrement());
    }
    listenOptions = options;
    // The first lane binds first (the host makes the first bind); the other lanes join its port.
    int first = Math.max(firstLane, 0);
    Future<Void> bound =
        listenOnce(first)
            .compose(
                actualPort -> {
                  port = actualPort;
                  List<Future<Integer>> others = new ArrayList<>();
                  if (firstLane < 0) {
                    for (int lane = 1; lane < lanes.size(); lane++) {
                      others.add(listenOnce(lane));
                    }
                  }
                  return Future.all(others);
                })
            .<Void>mapEmpty()
            .onSuccess(
                v ->
                    LOG.info(
                        "HTTP endpoint '{}' listening on port {} ({})",
                        spec.name(),
                        port,
                        firstLane < 0 ? lanes.size() + " lanes" : "lane " + firstLane));
    opened = bound;
    return bound;
  }

  /**
   * Makes the endpoint accept connections on {@code lane} too, once it is open; completes when it
   * does. An endpoint that listens on every lane completes at once.
   */
  public Future<Void> listenOn(int lane) {
    Future<Void> open = opened;
    if (firstLane < 0 || lane < 0 || open == null) {
      return open == null ? Future.succeededFuture() : open;
    }
    return open.compose(v -> listenOnce(lane)).<Void>mapEmpty();
  }

  private Future<Integer> listenOnce(int lane) {
    return listening.computeIfAbsent(lane, l -> listen(l, listenOptions));
  }

  private Future<Integer> listen(int lane, HttpServerOptions options) {
    ContextInternal context = lanes.hostContext(lane);
    Promise<Integer> bound = context.promise();
    context.runOnContext(
        v -> {
          HttpServer server = vertx.createHttpServer(options);
          synchronized (servers) {
            servers.add(server);
          }
          server
              .connectionHandler(
                  connection -> {
                    openConnections.incrementAndGet();
                    connection.closeHandler(closed -> openConnections.decrementAndGet());
                  })
              .requestHandler(request -> dispatch(request, lane))
              // listen() on Vert.x 5.1 checks the port is in 0..65535 (SocketAddress
              // .inetSocketAddress), which refuses the shared random port; listen(port, host)
              // passes it through on 5.0 and 5.1 alike.
              .listen(options.getPort(), options.getHost())
              .map(HttpServer::actualPort)
              .onComplete(bound);
        });
    return bound.future();
  }

  private void dispatch(HttpServerRequest request, int lane) {
    if (!routes.isEmpty()) {
      HttpRoute route = routes.get(request.path());
      if (route != null && route.wants(request)) {
        route.take(request, lane);
        return;
      }
    }
    BindingTable table = active.current();
    if (active.warmUps().open()) {
      table = warmUpTable(table, active.warmUps(), request);
    }
    Binding binding = table.binding(index, lane);
    if (binding == null) {
      unavailable(request, table);
      return;
    }
    Handler<HttpServerRequest> handler = requestHandler(binding);
    if (binding.handler() instanceof HttpHandlers handlers) {
      if (handlers.webSockets() != null && request.canUpgradeToWebSocket()) {
        upgrade(request, binding, lane, handlers.webSockets());
        return;
      }
      if (handler == null) {
        request.response().setStatusCode(404).end();
        return;
      }
    }
    if (!limit.tryEnter(lane)) {
      overloaded(request);
      return;
    }
    LaneLedger ledger = binding.ledger().lane(lane);
    HttpServerRequestInternal received = (HttpServerRequestInternal) request;
    // The request's context locals (the tracer's span among them) go with it to the generation.
    ContextInternal context = locals.duplicate(binding.context(), received.context());
    HttpExchange exchange = new HttpExchange(lanes.loop(lane));
    exchange.countedIn(limit, lane);
    // Counted before the wrapper exists: its end hook may fire as soon as it is installed.
    ledger.add(exchange);
    RehomedHttpServerRequest rehomed = new RehomedHttpServerRequest(received, context, exchange);
    exchange.response = (RehomedHttpServerResponse) rehomed.response();
    if (OnContext.inline(context)) {
      context.emit(rehomed, req -> handleGuarded(handler, req, binding.generation()));
      return;
    }
    // Served by an instance of another lane: hop to its thread, holding the body back until its
    // handler has seen the request (Vert.x drops the body of a request whose handler returned
    // without reading or pausing it), then release it unless the handler paused it itself.
    request.pause();
    OnContext.emit(
        context,
        rehomed,
        req -> {
          try {
            handleGuarded(handler, req, binding.generation());
          } finally {
            if (!rehomed.pausedByGeneration()) {
              request.resume();
            }
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static Handler<HttpServerRequest> requestHandler(Binding binding) {
    Object bound = binding.handler();
    return bound instanceof HttpHandlers handlers
        ? handlers.requests()
        : (Handler<HttpServerRequest>) bound;
  }

  /**
   * Accepts a WebSocket for an unmodified server's WebSocket handler: the socket stays with the
   * generation that accepted it, counted in flight until it closes, and is closed (1001) at the
   * drain timeout if that generation retires first.
   */
  private void upgrade(
      HttpServerRequest request, Binding binding, int lane, Handler<ServerWebSocket> handler) {
    ContextInternal context =
        locals.duplicate(binding.context(), ((HttpServerRequestInternal) request).context());
    WebSocketExchange exchange = new WebSocketExchange(lanes.loop(lane));
    binding.ledger().lane(lane).add(exchange);
    long generation = binding.generation();
    request
        .toWebSocket()
        .onComplete(
            accepted -> {
              if (accepted.failed()) {
                exchange.doneFromAnyThread();
                return;
              }
              ServerWebSocket socket = accepted.result();
              exchange.socket = socket;
              ServerWebSocket rehomed =
                  RehomedWebSocket.of(socket, context, exchange::doneFromAnyThread);
              boolean inline = OnContext.inline(context);
              if (!inline) {
                socket.pause();
              }
              OnContext.emit(
                  context,
                  rehomed,
                  ws -> {
                    try {
                      handler.handle(ws);
                    } catch (Throwable failure) {
                      LOG.error(
                          "gen-{}: WebSocket handler of HTTP endpoint '{}' threw",
                          generation,
                          spec.name(),
                          failure);
                      socket.close((short) 1011);
                    } finally {
                      if (!inline) {
                        socket.resume();
                      }
                    }
                  });
            });
  }

  /** Loopback requests with the open warm-up token reach the candidate generation. */
  private static BindingTable warmUpTable(
      BindingTable table, WarmUpRoutes warmUps, HttpServerRequest request) {
    String token = request.getHeader(WARM_UP_HEADER);
    if (token == null || request.remoteAddress() == null) {
      return table;
    }
    BindingTable candidate = warmUps.candidate(token);
    boolean loopback;
    try {
      loopback =
          java.net.InetAddress.getByName(request.remoteAddress().hostAddress()).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      loopback = false;
    }
    return candidate != null && loopback ? candidate : table;
  }

  private void handleGuarded(
      Handler<HttpServerRequest> handler, HttpServerRequest request, long generation) {
    active.dispatching(generation);
    try {
      handler.handle(request);
    } catch (Throwable failure) {
      LOG.error(
          "gen-{}: handler of HTTP endpoint '{}' threw on {} {}",
          generation,
          spec.name(),
          request.method(),
          request.path(),
          failure);
      if (!request.response().ended() && !request.response().headWritten()) {
        request.response().setStatusCode(500).end();
      } else if (!request.response().ended()) {
        request.connection().close();
      }
    }
  }

  /** Past the in-flight bound: 503 with {@code Retry-After}, before generation code sees it. */
  private void overloaded(HttpServerRequest request) {
    HttpMethod method = request.method();
    boolean bodyless =
        method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    request
        .response()
        .setStatusCode(503)
        .putHeader(HttpHeaders.RETRY_AFTER, InFlightLimit.RETRY_AFTER_SECONDS)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        // A body left unread would be parsed as the next request: close after answering.
        .putHeader(HttpHeaders.CONNECTION, bodyless ? "keep-alive" : "close")
        .end(limit.describe() + "\n");
  }

  private void unavailable(HttpServerRequest request, BindingTable table) {
    String reason = table.unavailableReason(spec.name());
    request
        .response()
        .setStatusCode(503)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(reason + "\n");
  }

  @Override
  public Future<Void> close(Duration grace) {
    List<Future<Void>> closed = new ArrayList<>();
    synchronized (servers) {
      for (HttpServer server : servers) {
        closed.add(server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS));
      }
      servers.clear();
    }
    return Future.join(closed).mapEmpty();
  }
}
