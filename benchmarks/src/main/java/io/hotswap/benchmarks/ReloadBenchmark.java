package io.hotswap.benchmarks;

import io.hotswap.EndpointSpec;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full reload latency through the public API, idle, for generated modules of 30, 500 and 5,000
 * classes: each operation switches the entry point's build (a one-file change, as after an edit)
 * and waits for {@link HotSwap#reload()} to report the new generation serving.
 *
 * <p>JMH state; one benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReloadBenchmark {

  /** Classes in the module. */
  @Param({"30", "500", "5000"})
  public int classes;

  private Vertx vertx;
  private HotSwap hotSwap;
  private GeneratedModule module;
  private Path codeDir;
  private boolean buildB;

  /** Starts a host serving the module as generation 1. */
  @Setup(Level.Trial)
  public void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    module = ModuleGenerator.module(classes);
    codeDir = BenchPaths.freshDir("jmh-reload-" + classes + "-");
    module.installInto(codeDir);
    hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(codeDir)
                .endpoint(EndpointSpec.http("api", 0))
                .allowWritableCodeSource(true)
                .maxDraining(8)
                .build());
    if (!hotSwap.start().await().activated()) {
      throw new IllegalStateException("the first generation did not start");
    }
  }

  /** Closes the host. */
  @TearDown(Level.Trial)
  public void stop() {
    hotSwap.close().await();
    vertx.close().await();
  }

  /** One reload of a changed snapshot, trigger to serving. */
  @Benchmark
  public ReloadOutcome reload() throws Exception {
    buildB = !buildB;
    module.switchBuild(codeDir, buildB);
    ReloadOutcome outcome =
        hotSwap.reload("jmh").toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    if (!outcome.activated()) {
      throw new IllegalStateException(outcome.describe());
    }
    return outcome;
  }
}
