package io.hotswap.internal.endpoint;

import io.hotswap.EndpointSpec;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server-sent-event gateway endpoint: the HTTP endpoint named in its spec hands it the GET
 * requests on its path; the host answers {@code text/event-stream} and keeps the response open as a
 * connection across reloads, and business code sends events to it. A stream opened while no
 * generation can take it gets an {@code event: error} and ends.
 *
 * <p>Thread-safe: each stream's handlers run on its lane thread.
 */
public final class SseEndpoint extends ConnectionEndpoint implements HttpRoute {
  private static final Logger LOG = LoggerFactory.getLogger(SseEndpoint.class);

  private final EndpointSpec.Sse spec;

  /** Creates the endpoint; the host attaches it to its HTTP endpoint's path. */
  public SseEndpoint(EndpointSpec.Sse spec, int index, Lanes lanes, ActiveBindings active) {
    super(spec.name(), "sse", spec.limits(), index, lanes, active);
    this.spec = spec;
  }

  @Override
  String kind() {
    return "sse";
  }

  @Override
  String address() {
    return spec.http() + " " + spec.path();
  }

  @Override
  public Future<Void> open() {
    LOG.info("SSE endpoint '{}' on path {} of '{}'", name(), spec.path(), spec.http());
    return Future.succeededFuture();
  }

  @Override
  public boolean wants(HttpServerRequest request) {
    return request.method() == HttpMethod.GET && !request.canUpgradeToWebSocket();
  }

  @Override
  public void take(HttpServerRequest request, int lane) {
    HttpServerResponse response = request.response();
    SseConnection connection =
        new SseConnection(registry().nextId(), name(), lane, registry().load(), request);
    response
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Connection-Id", connection.id());
    response.setWriteQueueMaxSize(spec.maxPendingBytes());
    response.closeHandler(v -> closed(connection));
    response.endHandler(v -> closed(connection));
    // A comment line sends the headers now, so the client sees the stream open.
    response.write(": " + connection.id() + "\n\n");
    opened(connection);
  }

  /** Formats {@code text} as one {@code data:} event (one {@code data:} line per line). */
  static String event(String type, String text) {
    StringBuilder event = new StringBuilder(text.length() + 16);
    if (type != null) {
      event.append("event: ").append(type).append('\n');
    }
    for (String line : text.split("\r\n|\r|\n", -1)) {
      event.append("data: ").append(line).append('\n');
    }
    return event.append('\n').toString();
  }

  /** One host-owned event stream. */
  private static final class SseConnection extends HostConnection {
    private final HttpServerRequest request;

    SseConnection(
        String id, String endpoint, int lane, GatewayLoad load, HttpServerRequest request) {
      super(id, endpoint, lane, load);
      this.request = request;
    }

    @Override
    Future<Void> writeBinary(Buffer message) {
      return writeText(message.toString());
    }

    @Override
    Future<Void> writeText(String message) {
      return request.response().write(event(null, message));
    }

    @Override
    Future<Void> closeNormally() {
      closed();
      return request.response().ended() ? Future.succeededFuture() : request.response().end();
    }

    @Override
    void closeTooSlow(String reason) {
      request.connection().close();
    }

    @Override
    void unavailable(String reason, boolean opening) {
      closed();
      if (!request.response().ended()) {
        request.response().end(event("error", reason));
      }
    }
  }
}
