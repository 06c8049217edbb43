package io.hotswap.testing;

import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A host running the unmodified {@link CompatApp} with {@code
 * mainVerticle("compat.app.MainVerticle")} and no declared endpoint: every endpoint is created on
 * first use.
 *
 * <p>Not thread-safe: use it from the test thread.
 */
public final class CompatHost implements AutoCloseable {
  /** The main verticle's class name. */
  public static final String MAIN = "compat.app.MainVerticle";

  private final Path workDir;
  private final Path codeDir;
  private final Map<CompatApp, Path> compiled = new EnumMap<>(CompatApp.class);
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
  private final Vertx clientVertx = ClientVertx.create();
  private final HttpClient client =
      clientVertx.createHttpClient(
          new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(8));
  private final HotSwap hotSwap;

  private CompatHost(Path workDir, HotSwapOptions options) {
    this.workDir = workDir;
    this.codeDir = options.codeSource();
    this.hotSwap = HotSwap.create(vertx, options);
  }

  /** Starts a host running {@code initial}. */
  public static CompatHost start(
      Path workDir, CompatApp initial, Consumer<HotSwapOptions.Builder> customize) {
    HotSwapOptions.Builder builder =
        HotSwapOptions.builder(workDir.resolve("code"))
            .mainVerticle(MAIN)
            .startTimeout(Duration.ofSeconds(10))
            .drainTimeout(Duration.ofSeconds(10))
            .leakTimeout(Duration.ofSeconds(20))
            .jmx(false)
            .applicationName("compat");
    customize.accept(builder);
    CompatHost host = new CompatHost(workDir, builder.build());
    host.installOnly(initial);
    ReloadOutcome first = Harness.await(host.hotSwap.start());
    if (!first.activated()) {
      host.close();
      throw new AssertionError("first generation did not start: " + first.describe());
    }
    return host;
  }

  /** The instance under test. */
  public HotSwap hotSwap() {
    return hotSwap;
  }

  /** The Vert.x instance clients run on. */
  public Vertx clientVertx() {
    return clientVertx;
  }

  /** The host Vert.x instance. */
  public Vertx vertx() {
    return vertx;
  }

  /** The port the application listens on (it asks for port 0). */
  public int port() {
    return hotSwap.httpPort("http:0");
  }

  /** Replaces the code directory's content with {@code app}. */
  public void installOnly(CompatApp app) {
    Fixture.install(compiled.computeIfAbsent(app, a -> a.compile(workDir)), codeDir);
  }

  /** Installs {@code app} and reloads. */
  public ReloadOutcome install(CompatApp app) {
    installOnly(app);
    return Harness.await(hotSwap.reload("test"));
  }

  /** A GET on the application's port. */
  public HttpAnswer get(String path) {
    return Harness.await(Harness.get(client, port(), path));
  }

  /** A POST of {@code body} on the application's port; answers status and body. */
  public HttpAnswer post(String path, String body) {
    Future<HttpAnswer> answer =
        client
            .request(HttpMethod.POST, port(), "127.0.0.1", path)
            .compose(
                request ->
                    request
                        .putHeader("content-type", "application/json")
                        .send(Buffer.buffer(body))
                        .compose(
                            response ->
                                response
                                    .body()
                                    .map(
                                        b ->
                                            new HttpAnswer(
                                                response.statusCode(),
                                                b.toString(),
                                                0,
                                                null,
                                                0,
                                                0))));
    return Harness.await(answer);
  }

  /** An event-bus request from host code to {@code address}; the reply body. */
  public Future<String> request(String address, String body) {
    return vertx.eventBus().<String>request(address, body).map(message -> message.body());
  }

  @Override
  public void close() {
    try {
      Harness.await(hotSwap.close());
    } finally {
      Harness.await(clientVertx.close());
      Harness.await(vertx.close());
    }
  }
}
