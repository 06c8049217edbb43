package io.hotswap.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The Vert.x instance of a test's HTTP clients: one event loop. Vert.x 5.0.7's HTTP client can lose
 * the end of a response when {@code response.body()} is called on another thread than the
 * connection's event loop while the response ends (eclipse-vertx/vert.x#6038, fixed in later 5.0
 * releases by #6071): the request then waits forever though the server answered. Requests sent from
 * a test thread get a new context each, on the instance's event loops in turn; with one event loop
 * every context and every connection share it, and the race cannot happen. Stateless; thread-safe.
 */
public final class ClientVertx {
  private ClientVertx() {}

  /** A new Vert.x instance with one event loop, for HTTP clients. */
  public static Vertx create() {
    return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  }
}
