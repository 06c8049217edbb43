package io.hotswap.internal.endpoint;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

/**
 * What an unmodified Vert.x server binds to an HTTP endpoint: its request handler and, if set, its
 * WebSocket handler. A WebSocket handshake goes to {@code webSockets} when there is one; every
 * other request to {@code requests}.
 *
 * @param requests the server's request handler, or {@code null}
 * @param webSockets the server's WebSocket handler, or {@code null}
 */
public record HttpHandlers(
    Handler<HttpServerRequest> requests, Handler<ServerWebSocket> webSockets) {}
