package io.hotswap.benchmarks;

import io.hotswap.EndpointSpec;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of dispatching a request through a hotswap endpoint against the same handler on plain
 * Vert.x ({@code server} = {@code plain}, the baseline, or {@code hotswap}): real HTTP/1.1
 * keep-alive exchanges over loopback with a Vert.x client in the same JVM, one at a time ({@link
 * #roundTrip}) or {@value #BATCH} at once over as many connections ({@link #batch}). The difference
 * of the two {@code server} values is what the endpoint adds per request.
 *
 * <p>JMH state; one benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class DispatchBenchmark {
  static final int BATCH = 16;

  /** {@code plain} (baseline) or {@code hotswap}. */
  @Param({"plain", "hotswap"})
  public String server;

  private Vertx serverVertx;
  private Vertx clientVertx;
  private HttpClient client;
  private HotSwap hotSwap;
  private int port;
  private Context clientContext;

  /** Starts the server under test and a keep-alive client. */
  @Setup(Level.Trial)
  public void start() {
    serverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    if ("plain".equals(server)) {
      HttpServer http =
          serverVertx.createHttpServer().requestHandler(new HelloHandler()).listen(0).await();
      port = http.actualPort();
    } else {
      Path codeDir = BenchPaths.freshDir("jmh-dispatch-");
      ModuleGenerator.module(30).installInto(codeDir);
      hotSwap =
          HotSwap.create(
              serverVertx,
              HotSwapOptions.builder(codeDir)
                  .endpoint(EndpointSpec.http("api", 0))
                  .allowWritableCodeSource(true)
                  .build());
      if (!hotSwap.start().await().activated()) {
        throw new IllegalStateException("the first generation did not start");
      }
      port = hotSwap.httpPort("api");
    }
    clientContext = clientVertx.getOrCreateContext();
    client =
        clientVertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(BATCH));
  }

  /** Closes everything the trial started. */
  @TearDown(Level.Trial)
  public void stop() {
    if (hotSwap != null) {
      hotSwap.close().await();
    }
    clientVertx.close().await();
    serverVertx.close().await();
  }

  /** One request, waited for. */
  @Benchmark
  public int roundTrip() throws Exception {
    return get().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** {@value #BATCH} requests at once, waited for together; reported per request. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object batch() throws Exception {
    List<Future<Integer>> all = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      all.add(get());
    }
    return Future.all(all).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Future<Integer> get() {
    // Issued from the client's own event loop: requests from the JMH thread would each get a new
    // context, and some never completed (10 s timeouts seen here on Vert.x 5.0.7).
    Promise<Integer> answer = Promise.promise();
    clientContext.runOnContext(v -> exchange().onComplete(answer));
    return answer.future();
  }

  private Future<Integer> exchange() {
    return client
        .request(HttpMethod.GET, port, "127.0.0.1", "/")
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode() + body.length()));
  }
}
