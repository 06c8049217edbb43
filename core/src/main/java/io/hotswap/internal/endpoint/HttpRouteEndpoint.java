package io.hotswap.internal.endpoint;

/**
 * A WebSocket or SSE endpoint together with the HTTP endpoint and path it is served on, until it is
 * attached there at boot.
 *
 * <p>Immutable.
 *
 * @param http the name of the HTTP endpoint
 * @param path the path on it
 * @param route the endpoint that takes the requests on the path
 */
public record HttpRouteEndpoint(String http, String path, HttpRoute route) {

  /** Makes {@code endpoint} hand the requests on {@link #path()} to {@link #route()}. */
  public void attachTo(HttpEndpoint endpoint) {
    endpoint.route(path, route);
  }
}
