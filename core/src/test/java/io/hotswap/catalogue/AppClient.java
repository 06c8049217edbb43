package io.hotswap.catalogue;

import io.hotswap.testing.Harness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.PoolOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser-like client of one side of the differential: keep-alive connections to {@code
 * 127.0.0.1:port} and a cookie jar (a {@code set-cookie} with {@code Max-Age=0} removes the
 * cookie), so sessions continue from one call to the next.
 *
 * <p>Not thread-safe: use it from the test thread.
 */
public final class AppClient implements AutoCloseable {
  private final HttpClient client;
  private final int port;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  /** A client of {@code port} running on {@code vertx}. */
  public AppClient(Vertx vertx, int port) {
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(4));
    this.port = port;
  }

  /** The port this client talks to. */
  public int port() {
    return port;
  }

  /** Sends {@code call} and waits for the whole answer (not normalized). */
  public Answer send(Call call) {
    return Harness.await(sendAsync(call));
  }

  /**
   * Sends {@code call}. When the server closed the kept-alive connection before answering (as
   * Vert.x's SockJS xhr transport does after each poll), sends it once more on a fresh connection,
   * as browsers and curl do (whether the server closed it first is a race, so not compared).
   */
  public Future<Answer> sendAsync(Call call) {
    return attempt(call)
        .recover(
            failure ->
                failure instanceof HttpClosedException
                    ? attempt(call)
                    : Future.failedFuture(failure));
  }

  private Future<Answer> attempt(Call call) {
    return client
        .request(call.method(), port, "127.0.0.1", call.path())
        .compose(
            request -> {
              call.headers().forEach(request::putHeader);
              if (!cookies.isEmpty()) {
                request.putHeader("cookie", cookieHeader());
              }
              return send(request, call)
                  .compose(
                      response ->
                          response
                              .body()
                              .map(
                                  body -> {
                                    List<String> setCookies =
                                        response.headers().getAll("set-cookie");
                                    setCookies.forEach(this::remember);
                                    return new Answer(
                                        response.statusCode(),
                                        response.getHeader("content-type"),
                                        body.toString(),
                                        setCookies);
                                  }));
            });
  }

  private static Future<HttpClientResponse> send(HttpClientRequest request, Call call) {
    return call.body() == null ? request.send() : request.send(call.body());
  }

  private String cookieHeader() {
    return cookies.entrySet().stream()
        .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
        .collect(Collectors.joining("; "));
  }

  private void remember(String setCookie) {
    String pair = setCookie.split(";", 2)[0];
    int equals = pair.indexOf('=');
    if (equals <= 0) {
      return;
    }
    String name = pair.substring(0, equals).trim();
    String value = pair.substring(equals + 1).trim();
    if (setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }

  /** The cookies the jar holds now, by name. */
  public Map<String, String> cookies() {
    return Map.copyOf(cookies);
  }

  @Override
  public void close() {
    Harness.await(client.close());
  }
}
