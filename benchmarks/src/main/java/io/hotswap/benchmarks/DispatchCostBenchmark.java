package io.hotswap.benchmarks;

import io.hotswap.EndpointSpec;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.StatusReport;
import io.hotswap.internal.HotSwapInstance;
import io.hotswap.internal.endpoint.EndpointRegistry;
import io.hotswap.internal.endpoint.HttpEndpoint;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What hotswap adds per HTTP request over a direct handler call, in nanoseconds, without a socket:
 * {@link #hotswap} hands requests to the real {@code HttpEndpoint} dispatch of a started hotswap
 * instance (binding table read, in-flight bound enter and exit, exchange added to and removed from
 * the lane ledger, duplicate of the generation's context, re-homed request and response, the emit
 * on the generation's context, the generation's handler, the end hook that settles the exchange);
 * {@link #direct} hands the same requests to {@link HelloHandler} itself, as a plain Vert.x server
 * does. Both run {@value #BATCH} requests per invocation on the server's one event-loop thread (the
 * thread hotswap's dispatch runs on; the hop there is amortised over the batch and is the same for
 * both), inside an emit of the host's context as Vert.x's connection runs a request handler, on a
 * {@link StubHostRequest} that stands in for Vert.x's request: the difference of the two scores is
 * the dispatch overhead, the parsing and writing that a socket adds being the same with or without
 * hotswap.
 *
 * <p>Seams: none in core. The dispatch method is private, so it is called through a {@link
 * MethodHandle} from {@link MethodHandles#privateLookupIn} (core is on the class path, in the
 * unnamed module, so no {@code --add-opens} is needed) held in a static final field, which the JIT
 * inlines like a direct call; the endpoint is found through the instance's endpoint registry. This
 * is the one benchmark that reaches into {@code io.hotswap.internal}: it measures the internal path
 * and breaks loudly (at setup) when that path is renamed.
 *
 * <p>Run: {@code java -cp benchmarks/target/hotswap-benchmarks.jar
 * io.hotswap.benchmarks.DispatchCostBenchmark [JMH options]} prints both scores, the difference and
 * the ratio with JMH's error and writes {@code dispatch-cost.json} (JMH's JSON, with the GC
 * profiler's bytes per request) under the output directory.
 *
 * <p>JMH state; one benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
public class DispatchCostBenchmark {
  /** Requests per invocation. */
  static final int BATCH = 10_000;

  private static final MethodHandle DISPATCH = dispatchHandle();

  private final Handler<HttpServerRequest> direct = new HelloHandler();
  private Vertx vertx;
  private HotSwap hotSwap;
  private HttpEndpoint endpoint;
  private ContextInternal hostContext;

  /**
   * Runs both benchmarks with the GC profiler (JMH options in {@code args}, e.g. {@code -f 1 -wi 3
   * -i 5}), writes JMH's JSON to {@code dispatch-cost.json} under the output directory and prints
   * the overhead and the ratio with their errors ({@link DispatchCostFigures}).
   */
  public static void main(String[] args) throws Exception {
    Path out = BenchPaths.outputDir().resolve("dispatch-cost.json");
    new Runner(
            new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(DispatchCostBenchmark.class.getName().replace(".", "\\.") + "\\.")
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(out.toString())
                .build())
        .run();
    System.out.println(DispatchCostFigures.parse(new JsonArray(Files.readString(out))).describe());
    System.out.println("JSON: " + out);
  }

  /** Starts a hotswap instance serving the 30-class module on one event loop. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Path codeDir = BenchPaths.freshDir("jmh-dispatch-cost-");
    ModuleGenerator.module(30).installInto(codeDir);
    hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(codeDir)
                .endpoint(EndpointSpec.http("api", 0))
                .allowWritableCodeSource(true)
                .build());
    if (!hotSwap.start().await().activated()) {
      throw new IllegalStateException("the first generation did not start");
    }
    endpoint = httpEndpoint(hotSwap, "api");
    hostContext = (ContextInternal) vertx.getOrCreateContext();
    check("direct", onLoop(this::directBatch));
    check("hotswap", onLoop(this::hotswapBatch));
    settled(BATCH);
  }

  /** Checks every dispatched exchange was settled, then closes the instance and Vert.x. */
  @TearDown(Level.Trial)
  public void stop() {
    try {
      settled(BATCH);
    } finally {
      hotSwap.close().await();
    }
    vertx.close().await();
  }

  /** The handler called directly, as plain Vert.x calls it: the baseline. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long direct() throws Exception {
    return onLoop(this::directBatch);
  }

  /** The same handler's body behind hotswap's real endpoint dispatch. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long hotswap() throws Exception {
    return onLoop(this::hotswapBatch);
  }

  private long directBatch() {
    long answered = 0;
    for (int i = 0; i < BATCH; i++) {
      StubHostRequest request = new StubHostRequest(hostContext);
      direct.handle(request);
      answered += request.stubResponse().bodyLength();
    }
    return answered;
  }

  private long hotswapBatch() {
    long answered = 0;
    for (int i = 0; i < BATCH; i++) {
      StubHostRequest request = new StubHostRequest(hostContext);
      dispatch(endpoint, request);
      answered += request.stubResponse().bodyLength();
    }
    return answered;
  }

  private static void dispatch(HttpEndpoint endpoint, HttpServerRequest request) {
    try {
      DISPATCH.invokeExact(endpoint, request, 0);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs {@code batch} on the event loop (lane 0), inside a dispatch of the host's context as
   * Vert.x's HTTP connection calls a server's request handler ({@code context.emit}), and waits for
   * its result. Inside it, the generation's emit is nested as on a real server: without it, that
   * emit would be the thread's outermost and pay Vert.x's blocked-thread clock reads, which a real
   * request pays once, in the host's emit, with or without hotswap.
   */
  private long onLoop(LongSupplier batch) throws Exception {
    CompletableFuture<Long> done = new CompletableFuture<>();
    hostContext
        .nettyEventLoop()
        .execute(
            () ->
                hostContext.emit(
                    batch,
                    task -> {
                      try {
                        done.complete(task.getAsLong());
                      } catch (Throwable e) {
                        done.completeExceptionally(e);
                      }
                    }));
    return done.get(60, TimeUnit.SECONDS);
  }

  /** Every request of the batch must have been answered with {@link HelloHandler#BODY}. */
  private static void check(String side, long answered) {
    long expected = (long) BATCH * HelloHandler.BODY.length();
    if (answered != expected) {
      throw new IllegalStateException(
          side + ": " + answered + " body bytes answered, expected " + expected);
    }
  }

  /**
   * The generation served at least {@code atLeast} requests and has none in flight: the end hook
   * settled every exchange (a ledger that kept them would grow and change what is measured).
   */
  private void settled(long atLeast) {
    StatusReport status = hotSwap.status().await();
    int inFlight = status.generations().stream().mapToInt(g -> g.inFlight()).sum();
    long served = status.generations().stream().mapToLong(g -> g.served()).sum();
    if (inFlight != 0 || served < atLeast) {
      throw new IllegalStateException(
          "dispatch left " + inFlight + " exchanges in flight after " + served + " served");
    }
  }

  private static HttpEndpoint httpEndpoint(HotSwap hotSwap, String name) throws Exception {
    Field registry = HotSwapInstance.class.getDeclaredField("registry");
    registry.setAccessible(true);
    return (HttpEndpoint) ((EndpointRegistry) registry.get(hotSwap)).find(name);
  }

  private static MethodHandle dispatchHandle() {
    try {
      return MethodHandles.privateLookupIn(HttpEndpoint.class, MethodHandles.lookup())
          .findVirtual(
              HttpEndpoint.class,
              "dispatch",
              MethodType.methodType(void.class, HttpServerRequest.class, int.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "HttpEndpoint.dispatch(HttpServerRequest, int) is not there any more: update"
              + " DispatchCostBenchmark",
          e);
    }
  }
}
