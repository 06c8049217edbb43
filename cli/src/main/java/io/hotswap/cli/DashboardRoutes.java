package io.hotswap.cli;

import io.hotswap.HotSwap;
import io.hotswap.management.StatusJson;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The routes of {@code --dashboard}: {@code GET /} the page (one HTML file with inline CSS and
 * JavaScript), {@code GET /events} the {@link StatusFeed}, {@code POST /reload} a reload with
 * trigger {@code dashboard}, answered with the outcome JSON.
 *
 * <p>{@code POST /reload} is guarded against cross-site requests: it needs the header {@code
 * X-Hotswap: reload}, which a plain HTML form cannot send and a cross-origin script cannot send
 * without a CORS preflight this server never grants; a request a browser marks as cross-site
 * ({@code Sec-Fetch-Site}) or from a foreign {@code Origin} is refused too (403).
 *
 * <p>Thread-safe: the page is read once; the rest is stateless.
 */
final class DashboardRoutes implements Handler<HttpServerRequest> {
  static final String PAGE = "/io/hotswap/cli/dashboard/index.html";
  static final String RELOAD_HEADER = "X-Hotswap";
  static final String RELOAD_VALUE = "reload";

  private final HotSwap hotSwap;
  private final StatusFeed feed;
  private final Buffer page;

  DashboardRoutes(HotSwap hotSwap, StatusFeed feed) {
    this.hotSwap = hotSwap;
    this.feed = feed;
    this.page = Buffer.buffer(resource(PAGE));
  }

  @Override
  public void handle(HttpServerRequest request) {
    String path = request.path();
    HttpMethod method = request.method();
    if (path.equals("/reload")) {
      if (method != HttpMethod.POST) {
        request.response().setStatusCode(405).putHeader("Allow", "POST").end();
      } else {
        reload(request);
      }
      return;
    }
    if (method != HttpMethod.GET) {
      request.response().setStatusCode(405).putHeader("Allow", "GET").end();
      return;
    }
    switch (path) {
      case "/", "/index.html" ->
          request
              .response()
              .putHeader("Content-Type", "text/html; charset=utf-8")
              .putHeader("Cache-Control", "no-store")
              .putHeader("X-Frame-Options", "DENY")
              .putHeader(
                  "Content-Security-Policy",
                  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
                      + " connect-src 'self'; frame-ancestors 'none'")
              .end(page);
      case "/events" -> feed.subscribe(request);
      default -> request.response().setStatusCode(404).end();
    }
  }

  private void reload(HttpServerRequest request) {
    String refused = refusal(request);
    if (refused != null) {
      request.response().setStatusCode(403).putHeader("Content-Type", "text/plain").end(refused);
      return;
    }
    hotSwap
        .reload("dashboard")
        .onComplete(
            outcome -> {
              if (outcome.succeeded()) {
                request
                    .response()
                    .putHeader("Content-Type", "application/json")
                    .end(StatusJson.of(outcome.result()).encode());
              } else {
                request.response().setStatusCode(500).end(String.valueOf(outcome.cause()));
              }
            });
  }

  /** Why {@code request} may not reload, or null when it may. */
  static String refusal(HttpServerRequest request) {
    if (!RELOAD_VALUE.equals(request.getHeader(RELOAD_HEADER))) {
      return "a reload needs the header " + RELOAD_HEADER + ": " + RELOAD_VALUE + "\n";
    }
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return "cross-site reload refused\n";
    }
    String origin = request.getHeader("Origin");
    HostAndPort authority = request.authority();
    if (origin != null
        && (authority == null
            || !origin.equals("http://" + authority.host() + portSuffix(authority.port())))) {
      return "reload from origin " + origin + " refused\n";
    }
    return null;
  }

  private static String portSuffix(int port) {
    return port < 0 || port == 80 ? "" : ":" + port;
  }

  private static byte[] resource(String name) {
    try (InputStream in = DashboardRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard page " + name + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
