package io.hotswap.testing;

import io.vertx.core.Future;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests sent with the JDK's HTTP client, as Vert.x futures: for tests that check what a server
 * answers, whatever client. Vert.x 5.0.7's HTTP client now and then loses an answer the server sent
 * (eclipse-vertx/vert.x#6038, #5904; fixed after 5.0.7), which made those tests wait in vain. Each
 * instance has its own connection pool; thread-safe.
 */
public final class JdkHttp {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** The status code and body of {@code GET http://127.0.0.1:<port><path>}. */
  public Future<Answer> get(int port, String path) {
    return send(request(port, path).GET().build());
  }

  /** The status code and body of {@code POST http://127.0.0.1:<port><path>} with {@code body}. */
  public Future<Answer> post(int port, String path, String body) {
    return send(request(port, path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static HttpRequest.Builder request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT);
  }

  private Future<Answer> send(HttpRequest request) {
    return Future.fromCompletionStage(
        client
            .sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .thenApply(
                response ->
                    new Answer(
                        response.statusCode(),
                        response.headers().firstValue("content-type").orElse(null),
                        response.body())));
  }

  /**
   * A status code, content type (or null) and body.
   *
   * @param status the status code
   * @param contentType the {@code Content-Type} header, or null
   * @param body the body as text
   */
  public record Answer(int status, String contentType, String body) {}
}
