package io.hotswap.benchmarks;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * The business handler every benchmark serves: a small fixed plain-text answer. The plain Vert.x
 * baseline installs this class directly; the generated module's entry point binds a lambda with the
 * same body (see {@link #SOURCE}), so both sides run the same code.
 *
 * <p>Stateless and thread-safe.
 */
public final class HelloHandler implements Handler<HttpServerRequest> {

  /** The body of the answer. */
  public static final String BODY = "hello";

  /** The handler's body as Java source, pasted into the generated entry point. */
  static final String SOURCE =
      "request -> request.response().putHeader(\"content-type\", \"text/plain\").end(\""
          + BODY
          + "\")";

  @Override
  public void handle(HttpServerRequest request) {
    request.response().putHeader("content-type", "text/plain").end(BODY);
  }
}
