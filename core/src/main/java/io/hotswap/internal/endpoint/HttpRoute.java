package io.hotswap.internal.endpoint;

import io.vertx.core.http.HttpServerRequest;

/**
 * A host route on a path of an {@link HttpEndpoint} that takes requests before they are dispatched
 * to a generation: WebSocket upgrades and server-sent-event streams, whose connections the host
 * keeps across reloads.
 *
 * <p>Implementations are thread-safe; both methods run on the request's lane thread.
 */
public interface HttpRoute {

  /** Whether this route takes {@code request} (for example: is it a WebSocket upgrade). */
  boolean wants(HttpServerRequest request);

  /** Takes {@code request}, accepted on lane {@code lane}, over from the HTTP endpoint. */
  void take(HttpServerRequest request, int lane);
}
