package io.hotswap.internal.endpoint;

import io.hotswap.EndpointSpec;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket gateway endpoint: the HTTP endpoint named in its spec hands it the upgrade requests
 * on its path, and the host keeps each WebSocket open across reloads. Text and binary messages are
 * dispatched to the active generation; a WebSocket whose event no generation can take is closed
 * with status 1013 (try again later), one whose client reads too slowly with 1008.
 *
 * <p>Thread-safe: each WebSocket's handlers run on its lane thread.
 */
public final class WebSocketEndpoint extends ConnectionEndpoint implements HttpRoute {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);
  private static final short NORMAL = 1000;
  private static final short POLICY_VIOLATION = 1008;
  private static final short TRY_AGAIN_LATER = 1013;
  private static final int MAX_REASON_BYTES = 120;
  private static final long SLOW_CLOSE_GRACE_MILLIS = 2_000;

  private final EndpointSpec.WebSocket spec;

  /** Creates the endpoint; the host attaches it to its HTTP endpoint's path. */
  public WebSocketEndpoint(
      EndpointSpec.WebSocket spec, int index, Lanes lanes, ActiveBindings active) {
    super(spec.name(), "ws", spec.limits(), index, lanes, active);
    this.spec = spec;
  }

  @Override
  String kind() {
    return "websocket";
  }

  @Override
  String address() {
    return spec.http() + " " + spec.path();
  }

  @Override
  public Future<Void> open() {
    LOG.info("WebSocket endpoint '{}' on path {} of '{}'", name(), spec.path(), spec.http());
    return Future.succeededFuture();
  }

  @Override
  public boolean wants(HttpServerRequest request) {
    return request.canUpgradeToWebSocket();
  }

  @Override
  public void take(HttpServerRequest request, int lane) {
    HttpConnection connection = request.connection();
    request
        .toWebSocket()
        .onSuccess(socket -> accept(socket, connection, lane))
        .onFailure(
            failure ->
                LOG.warn(
                    "endpoint '{}': WebSocket upgrade failed: {}", name(), failure.toString()));
  }

  private void accept(ServerWebSocket socket, HttpConnection tcp, int lane) {
    WsConnection connection =
        new WsConnection(
            registry().nextId(), name(), lane, registry().load(), socket, tcp, lanes().loop(lane));
    socket.setWriteQueueMaxSize(spec.maxPendingBytes());
    socket.textMessageHandler(text -> text(connection, text));
    socket.binaryMessageHandler(bytes -> message(connection, bytes));
    socket.exceptionHandler(
        failure -> LOG.debug("endpoint '{}': connection {}: {}", name(), connection, failure));
    socket.closeHandler(v -> closed(connection));
    opened(connection);
  }

  private static String clip(String reason) {
    return reason.length() <= MAX_REASON_BYTES ? reason : reason.substring(0, MAX_REASON_BYTES);
  }

  /** One host-owned WebSocket. */
  private static final class WsConnection extends HostConnection {
    private final ServerWebSocket socket;
    private final HttpConnection tcp;
    private final EventLoop loop;

    WsConnection(
        String id,
        String endpoint,
        int lane,
        GatewayLoad load,
        ServerWebSocket socket,
        HttpConnection tcp,
        EventLoop loop) {
      super(id, endpoint, lane, load);
      this.socket = socket;
      this.tcp = tcp;
      this.loop = loop;
    }

    @Override
    Future<Void> writeBinary(Buffer message) {
      return socket.writeBinaryMessage(message);
    }

    @Override
    Future<Void> writeText(String message) {
      return socket.writeTextMessage(message);
    }

    @Override
    Future<Void> closeNormally() {
      closed();
      return socket.isClosed() ? Future.succeededFuture() : socket.close(NORMAL, "closed");
    }

    /**
     * Sends the 1008 close frame, then closes the TCP connection if the client has not finished the
     * closing handshake within {@value #SLOW_CLOSE_GRACE_MILLIS} ms: a client that does not read
     * never sees the frame queued behind what it did not read, and Vert.x would keep the socket,
     * and everything queued for it, open until it did.
     */
    @Override
    void closeTooSlow(String reason) {
      socket.close(POLICY_VIOLATION, clip(reason));
      loop.schedule(
          () -> {
            if (!ended()) { // isClosed() is already true once the close frame is queued
              tcp.close();
            }
          },
          SLOW_CLOSE_GRACE_MILLIS,
          TimeUnit.MILLISECONDS);
    }

    @Override
    void unavailable(String reason, boolean opening) {
      closed();
      if (!socket.isClosed()) {
        socket.close(TRY_AGAIN_LATER, clip(reason));
      }
    }
  }
}
