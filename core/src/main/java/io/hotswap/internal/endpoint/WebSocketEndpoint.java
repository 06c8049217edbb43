package io.hotswap.internal.endpoint;

import io.hotswap.EndpointSpec;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
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
    request
        .toWebSocket()
        .onSuccess(socket -> accept(socket, lane))
        .onFailure(
            failure ->
                LOG.warn(
                    "endpoint '{}': WebSocket upgrade failed: {}", name(), failure.toString()));
  }

  private void accept(ServerWebSocket socket, int lane) {
    WsConnection connection =
        new WsConnection(registry().nextId(), name(), lane, registry().load(), socket);
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

    WsConnection(String id, String endpoint, int lane, GatewayLoad load, ServerWebSocket socket) {
      super(id, endpoint, lane, load);
      this.socket = socket;
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

    @Override
    void closeTooSlow(String reason) {
      socket.close(POLICY_VIOLATION, clip(reason));
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
