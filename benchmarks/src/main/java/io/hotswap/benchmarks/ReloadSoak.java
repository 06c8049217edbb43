package io.hotswap.benchmarks;

import io.hotswap.EndpointSpec;
import io.hotswap.GenerationState;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.StatusReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The memory measure of process-level cleanup: reloads the demo's reloadable module (a vertx-web
 * Router, an event-bus service and a WebSocket gateway) N times (default 1,000) in one JVM and
 * prints a table: loaded classes and metaspace after 10 reloads and at the end, generations not yet
 * COLLECTED at rest, each target with pass/miss.
 *
 * <p>Run: {@code java -cp benchmarks/target/hotswap-benchmarks.jar io.hotswap.benchmarks.ReloadSoak
 * [reloads] [code-dir]} after building the demo. Not thread-safe; a main.
 */
public final class ReloadSoak {
  private ReloadSoak() {}

  /** Runs the soak and prints the table. */
  public static void main(String[] args) throws Exception {
    int reloads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    Path code = Path.of(args.length > 1 ? args[1] : "demo/app/target/classes");
    if (!Files.isDirectory(code)) {
      throw new IllegalStateException("no demo module at " + code + ": run bin/demo's build first");
    }
    Vertx vertx = Vertx.vertx();
    HotSwap hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(code)
                .applicationName("soak")
                .endpoint(EndpointSpec.http("http", 0))
                .endpoint(EndpointSpec.eventBus("greetings", "demo.greetings"))
                .endpoint(EndpointSpec.webSocket("chat", "http", "/chat"))
                .jmx(false)
                .leakTimeout(Duration.ofSeconds(30))
                .build());
    await(hotSwap.start());
    StatusReport.JvmStatus afterTen = null;
    long began = System.nanoTime();
    for (int i = 1; i <= reloads; i++) {
      if (!await(hotSwap.reload("soak")).activated()) {
        throw new IllegalStateException("reload " + i + " failed");
      }
      if (i == 10) {
        afterTen = settled(hotSwap, 15);
      }
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    StatusReport.JvmStatus end = settled(hotSwap, 60);
    long alive =
        hotSwap.generations().stream()
            .filter(info -> info.state() != GenerationState.COLLECTED)
            .count();
    double metaspaceGrowth = (double) end.metaspaceUsedBytes() / afterTen.metaspaceUsedBytes();
    System.out.printf(Locale.ROOT, "%n%d reloads of the demo module in %.1f s%n", reloads, seconds);
    System.out.printf(Locale.ROOT, "%-36s %14s %14s%n", "", "after 10", "after " + reloads);
    System.out.printf(
        Locale.ROOT,
        "%-36s %14d %14d%n",
        "loaded classes",
        afterTen.loadedClasses(),
        end.loadedClasses());
    System.out.printf(
        Locale.ROOT,
        "%-36s %14.1f %14.1f%n",
        "metaspace used (MiB)",
        afterTen.metaspaceUsedBytes() / 1048576.0,
        end.metaspaceUsedBytes() / 1048576.0);
    System.out.printf(
        Locale.ROOT, "%-36s %14s %14d%n", "classes unloaded", "", end.unloadedClasses());
    System.out.printf(Locale.ROOT, "%ntargets%n");
    target("every retired generation COLLECTED", alive <= 1, alive - 1 + " not collected");
    target(
        "metaspace within +10% of after 10",
        metaspaceGrowth <= 1.10,
        String.format(Locale.ROOT, "%+.1f%%", (metaspaceGrowth - 1) * 100));
    target(
        "loaded classes flat (within +5%)",
        end.loadedClasses() <= afterTen.loadedClasses() * 1.05,
        (end.loadedClasses() - afterTen.loadedClasses()) + " classes");
    target("generations alive at rest <= 2", alive <= 2, alive + " alive");
    await(hotSwap.close());
    await(vertx.close());
  }

  /** Forces collection until every retired generation is COLLECTED, within a bound. */
  private static StatusReport.JvmStatus settled(HotSwap hotSwap, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long active = hotSwap.activeGeneration().orElseThrow().id();
    while (System.nanoTime() < deadline) {
      System.gc();
      boolean allCollected =
          hotSwap.generations().stream()
              .filter(info -> info.id() != active)
              .allMatch(info -> info.state() == GenerationState.COLLECTED);
      if (allCollected) {
        break;
      }
      Thread.sleep(200);
    }
    System.gc();
    return await(hotSwap.status()).jvm();
  }

  private static void target(String name, boolean pass, String detail) {
    System.out.printf(Locale.ROOT, "  %-40s %-5s %s%n", name, pass ? "PASS" : "MISS", detail);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
  }
}
