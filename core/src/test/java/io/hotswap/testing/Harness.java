package io.hotswap.testing;

import io.hotswap.EndpointSpec;
import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A real host for integration tests: a Vert.x instance with an HTTP endpoint {@code api} (port 0)
 * and an event-bus endpoint {@code greeter} ({@code greeter.address}), a code directory that
 * fixtures are installed into, and a separate client Vert.x instance for real HTTP clients.
 *
 * <p>Not thread-safe except where noted; one per test.
 */
public final class Harness implements AutoCloseable {
  /** The event-bus address of the {@code greeter} endpoint. */
  public static final String GREETER = "greeter.address";

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Path workDir;
  private final Path codeDir;
  private final Map<Fixture, Path> compiled = new EnumMap<>(Fixture.class);
  private final Vertx vertx;
  private final Vertx clientVertx;
  private final HttpClient client;
  private final HotSwap hotSwap;

  private Harness(Path workDir, HotSwapOptions options) {
    this.workDir = workDir;
    this.codeDir = options.codeSource();
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    this.clientVertx = ClientVertx.create();
    this.client =
        clientVertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(8));
    this.hotSwap = HotSwap.create(vertx, options);
  }

  /** Starts a host whose code directory holds {@code initial}, with default options. */
  public static Harness start(Path workDir, Fixture initial) {
    return start(workDir, initial, builder -> {});
  }

  /** Starts a host whose code directory holds {@code initial}, with adjusted options. */
  public static Harness start(
      Path workDir, Fixture initial, Consumer<HotSwapOptions.Builder> customize) {
    Path codeDir = workDir.resolve("code");
    HotSwapOptions.Builder builder =
        HotSwapOptions.builder(codeDir)
            .endpoint(EndpointSpec.http("api", 0))
            .endpoint(EndpointSpec.eventBus("greeter", GREETER))
            .startTimeout(Duration.ofSeconds(5))
            .drainTimeout(Duration.ofSeconds(10))
            .leakTimeout(Duration.ofSeconds(20))
            .applicationName("test");
    customize.accept(builder);
    Harness harness = new Harness(workDir, builder.build());
    harness.installOnly(initial);
    ReloadOutcome first = await(harness.hotSwap.start());
    if (!first.activated()) {
      harness.close();
      throw new AssertionError("first generation did not start: " + first.describe());
    }
    return harness;
  }

  /** The instance under test. */
  public HotSwap hotSwap() {
    return hotSwap;
  }

  /**
   * Adds the gateway endpoints the {@code GATEWAY_*} fixtures bind: WebSocket {@code chat} on
   * {@code /chat} and SSE {@code events} on {@code /events} of {@code api}, TCP {@code line}.
   */
  public static void gateways(HotSwapOptions.Builder builder) {
    builder
        .endpoint(EndpointSpec.webSocket("chat", "api", "/chat"))
        .endpoint(EndpointSpec.tcp("line", 0))
        .endpoint(EndpointSpec.sse("events", "api", "/events"));
  }

  /** The host Vert.x instance. */
  public Vertx vertx() {
    return vertx;
  }

  /** The Vert.x instance clients run on. */
  public Vertx clientVertx() {
    return clientVertx;
  }

  /** The port of the {@code api} endpoint. */
  public int port() {
    return hotSwap.httpPort("api");
  }

  /** The code source directory. */
  public Path codeDir() {
    return codeDir;
  }

  /** Replaces the code directory's content with {@code fixture} (compiled once per harness). */
  public void installOnly(Fixture fixture) {
    Path classes = compiled.computeIfAbsent(fixture, f -> f.compile(workDir));
    Fixture.install(classes, codeDir);
  }

  /** Installs {@code fixture} and reloads; returns the outcome. */
  public ReloadOutcome install(Fixture fixture) {
    installOnly(fixture);
    return reload();
  }

  /**
   * Installs the classes compiled into {@code compiledClasses} and reloads; returns the outcome.
   */
  public ReloadOutcome install(Path compiledClasses) {
    Fixture.install(compiledClasses, codeDir);
    return reload();
  }

  /** Reloads and waits for the outcome. */
  public ReloadOutcome reload() {
    return await(hotSwap.reload("test"));
  }

  /** The current info of generation {@code id}. */
  public GenerationInfo generation(long id) {
    return hotSwap.generations().stream()
        .filter(info -> info.id() == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no generation " + id));
  }

  /** The state of generation {@code id} now. */
  public GenerationState state(long id) {
    return generation(id).state();
  }

  /** Sends a GET to the {@code api} endpoint and waits for the whole answer. */
  public HttpAnswer get(String path) {
    return await(getAsync(path));
  }

  /** Sends a GET to the {@code api} endpoint. */
  public Future<HttpAnswer> getAsync(String path) {
    return get(client, port(), path);
  }

  /** Sends a GET with {@code client} to {@code port} on loopback. */
  public static Future<HttpAnswer> get(HttpClient client, int port, String path) {
    long sent = System.nanoTime();
    return client
        .request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(
            request ->
                request
                    .send()
                    .compose(
                        response ->
                            response
                                .body()
                                .map(
                                    body -> {
                                      String generation = response.getHeader("X-Generation");
                                      return new HttpAnswer(
                                          response.statusCode(),
                                          body.toString(),
                                          generation == null ? 0 : Long.parseLong(generation),
                                          response.getHeader("Connection"),
                                          sent,
                                          System.nanoTime());
                                    })));
  }

  /** Sends a request to the {@code greeter} endpoint and waits for the reply body. */
  public String greet(String body) {
    return await(greetAsync(body));
  }

  /** Sends a request to the {@code greeter} endpoint. */
  public Future<String> greetAsync(String body) {
    return vertx.eventBus().<String>request(GREETER, body).map(message -> message.body());
  }

  /** Waits for {@code future} with a generous bound. */
  public static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "waited "
              + WAIT.toSeconds()
              + " s for a future in vain; the Vert.x threads were at:\n"
              + ThreadDump.vertxThreads(),
          e);
    } catch (Exception e) {
      throw new AssertionError("waited for a future and got " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      await(hotSwap.close());
    } finally {
      await(clientVertx.close());
      await(vertx.close());
    }
  }
}
