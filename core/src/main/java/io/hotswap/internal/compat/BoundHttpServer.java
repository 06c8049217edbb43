package io.hotswap.internal.compat;

import io.hotswap.internal.endpoint.Binding.HandlerKind;
import io.hotswap.internal.endpoint.EndpointRegistry;
import io.hotswap.internal.endpoint.HttpEndpoint;
import io.hotswap.internal.endpoint.HttpHandlers;
import io.hotswap.internal.generation.InstanceBindings;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrafficShapingOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The {@link HttpServer} that unmodified code gets inside a generation: it opens no socket. {@code
 * listen(port)} binds the request handler to the host endpoint {@code http:<port>} (the host
 * creates and opens it the first time any generation asks for that port, and keeps it), and
 * completes when that endpoint is listening, with {@link #actualPort()} the host's port. The
 * handler takes traffic when the generation cuts over.
 *
 * <p>A WebSocket handler is bound too: a handshake on the port goes to it, and the socket stays
 * with the generation that accepted it (see {@code HttpEndpoint}). Not supported, and failing
 * {@code listen()} with a clear message: a WebSocket handshake handler. Ignored: connection and
 * invalid-request handlers (connections belong to the host). {@code close()} keeps the binding
 * until the generation retires.
 *
 * <p>Confined to the verticle that created it, like a Vert.x server being set up.
 */
final class BoundHttpServer implements HttpServer {
  private final VertxInternal vertx;
  private final InstanceBindings bindings;
  private final EndpointRegistry registry;
  private final HttpServerOptions options;
  private Handler<HttpServerRequest> requestHandler;
  private Handler<ServerWebSocket> webSocketHandler;
  private Handler<ServerWebSocketHandshake> handshakeHandler;
  private volatile HttpEndpoint endpoint;

  BoundHttpServer(
      VertxInternal vertx,
      InstanceBindings bindings,
      EndpointRegistry registry,
      HttpServerOptions options) {
    this.vertx = vertx;
    this.bindings = bindings;
    this.registry = registry;
    this.options = new HttpServerOptions(options);
  }

  @Override
  public HttpServer requestHandler(Handler<HttpServerRequest> handler) {
    requestHandler = handler;
    return this;
  }

  @Override
  public Handler<HttpServerRequest> requestHandler() {
    return requestHandler;
  }

  @Override
  public HttpServer invalidRequestHandler(Handler<HttpServerRequest> handler) {
    return this;
  }

  @Override
  public HttpServer connectionHandler(Handler<HttpConnection> handler) {
    return this;
  }

  @Override
  public HttpServer webSocketHandshakeHandler(Handler<ServerWebSocketHandshake> handler) {
    handshakeHandler = handler;
    return this;
  }

  @Override
  public HttpServer exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public HttpServer webSocketHandler(Handler<ServerWebSocket> handler) {
    webSocketHandler = handler;
    return this;
  }

  @Override
  public Handler<ServerWebSocket> webSocketHandler() {
    return webSocketHandler;
  }

  @Override
  public Future<Boolean> updateSSLOptions(ServerSSLOptions options, boolean force) {
    return vertx
        .getOrCreateContext()
        .failedFuture(
            new UnsupportedOperationException(
                "the host owns the socket of port " + actualPort() + ": SSL options are fixed"));
  }

  @Override
  public Future<Boolean> updateTrafficShapingOptions(TrafficShapingOptions options) {
    return vertx
        .getOrCreateContext()
        .failedFuture(
            new UnsupportedOperationException(
                "the host owns the socket of port " + actualPort() + ": traffic shaping is fixed"));
  }

  @Override
  public Future<HttpServer> listen() {
    return bind(options.getPort(), options.getHost());
  }

  @Override
  public Future<HttpServer> listen(SocketAddress address) {
    return bind(address.port(), address.host());
  }

  private Future<HttpServer> bind(int port, String host) {
    ContextInternal caller = vertx.getOrCreateContext();
    if (handshakeHandler != null) {
      return caller.failedFuture(
          new UnsupportedOperationException(
              "gen-"
                  + bindings.generation()
                  + ": HttpServer#webSocketHandshakeHandler is not supported on port "
                  + port
                  + " in a hotswap generation: the host accepts the handshake; use"
                  + " webSocketHandler, or a WebSocket endpoint and Bindings.connections(...)"));
    }
    if (requestHandler == null && webSocketHandler == null) {
      return caller.failedFuture(
          new IllegalStateException("set a request handler before listen() (port " + port + ")"));
    }
    if (port < 0 || port > 65535) {
      return caller.failedFuture(new IllegalArgumentException("invalid port " + port));
    }
    HttpServerOptions endpointOptions = new HttpServerOptions(options).setPort(port);
    if (host != null) {
      endpointOptions.setHost(host);
    }
    // The host accepts on this instance's event loop, as Vert.x accepts a server's connections on
    // the loops of its instances: requests then run where they were read, with no hand-off.
    EndpointRegistry.Opening opening =
        registry.http(port, endpointOptions, caller.nettyEventLoop());
    try {
      Object handlers =
          webSocketHandler == null
              ? requestHandler
              : new HttpHandlers(requestHandler, webSocketHandler);
      bindings.bindOnFirstUse(
          opening.endpoint(), HandlerKind.HTTP, handlers, opening.opened(), "listen()");
    } catch (RuntimeException e) {
      return caller.failedFuture(e);
    }
    Promise<HttpServer> listening = caller.promise();
    opening
        .opened()
        .<HttpServer>map(
            v -> {
              endpoint = (HttpEndpoint) opening.endpoint();
              return this;
            })
        .onComplete(listening);
    return listening.future();
  }

  @Override
  public Future<Void> shutdown(long timeout, TimeUnit unit) {
    // The binding is part of the generation: it ends when the generation retires.
    return vertx.getOrCreateContext().succeededFuture();
  }

  /**
   * As {@link #shutdown(long, TimeUnit)}. Vert.x 5.1 made this the abstract one (and the other a
   * default calling it); 5.0 has no such method, hence no {@code @Override}.
   */
  public Future<Void> shutdown(Duration timeout) {
    return shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public int actualPort() {
    HttpEndpoint bound = endpoint;
    return bound == null ? 0 : bound.port();
  }
}
