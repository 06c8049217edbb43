package io.hotswap.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The load harness: one command that serves {@link HelloHandler} on plain Vert.x and through
 * hotswap (each a {@link ServerProcess} pinned to the server cores, the harness on the client
 * cores), and reports side by side: paired A/B throughput and server CPU per request, fixed-rate
 * latency in steady state and inside reload windows while reloading every second, reload latency
 * and drain time, every request counted, a fresh JVM's time to first response, and metaspace and
 * classes after many reloads. Prints a table with the issue's targets marked pass/miss and writes
 * {@code <output>/load-harness.json}.
 *
 * <p>Run: {@code java -cp benchmarks/target/hotswap-benchmarks.jar
 * io.hotswap.benchmarks.LoadHarness [--flag value ...]} (flags: {@link HarnessOptions}).
 * Single-threaded driver; not reentrant.
 */
public final class LoadHarness {
  private static final long WAIT_SECONDS = 300;
  private static int coresAtStart;

  private final HarnessOptions options;
  private final Report report = new Report();
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final List<LoadClient> clients = new ArrayList<>();
  private HttpClient control;

  private LoadHarness(HarnessOptions options) {
    this.options = options;
  }

  /** Runs the harness; exits 0 when it completed (targets may still be missed), 1 on error. */
  public static void main(String[] args) throws Exception {
    HarnessOptions options = HarnessOptions.parse(args);
    coresAtStart = Runtime.getRuntime().availableProcessors();
    pinSelf(options.clientCpus());
    LoadHarness harness = new LoadHarness(options);
    try {
      harness.run();
    } finally {
      await(harness.vertx.close());
    }
    System.exit(0);
  }

  private void run() throws Exception {
    System.out.printf(
        "hotswap load harness: %d cores, %s %s, %s%n",
        coresAtStart,
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        options);
    report.json().put("options", options.toString());
    report
        .json()
        .put(
            "machine",
            new JsonObject()
                .put("cores", coresAtStart)
                .put("jdk", System.getProperty("java.runtime.version")));
    for (int size : options.sizes()) {
      ModuleGenerator.module(size);
    }
    GeneratedModule small = ModuleGenerator.module(options.sizes().get(0));
    Path smallDir = BenchPaths.freshDir("code-" + small.classes() + "-");
    small.installInto(smallDir);
    double idleSmallP50;
    try (ServerProcess plain = server("plain", List.of("plain", "0", "0", "1"));
        ServerProcess swap =
            server("hotswap", List.of("hotswap", "0", "0", "1", smallDir.toString()))) {
      LoadClient plainLoad = client(plain);
      LoadClient swapLoad = client(swap);
      control = plainLoad.client();
      log("warming up both servers");
      await(plainLoad.closedLoop(options.warmupSeconds() * 1000L));
      await(swapLoad.closedLoop(options.warmupSeconds() * 1000L));
      throughput(plain, plainLoad, swap, swapLoad);
      Histogram steady = steady(plainLoad, swapLoad);
      JsonObject memoryBefore = stats(swap, true);
      reloadingUnderLoad(swap, swapLoad, steady);
      idleSmallP50 = idleReloads(swap, small.classes(), memoryBefore);
      drains(swap);
    }
    for (int size : options.sizes().subList(1, options.sizes().size())) {
      GeneratedModule module = ModuleGenerator.module(size);
      Path dir = BenchPaths.freshDir("code-" + size + "-");
      module.installInto(dir);
      try (ServerProcess swap =
          server("hotswap-" + size, List.of("hotswap", "0", "0", "1", dir.toString()))) {
        reload(swap);
        idleReloads(swap, size, stats(swap, true));
      }
    }
    freshStart(smallDir, idleSmallP50);
    counts();
    report.print();
    Path json = BenchPaths.outputDir().resolve("load-harness.json");
    report.write(json);
    System.out.println("JSON: " + json);
  }

  private ServerProcess server(String name, List<String> args) {
    log("starting server " + name);
    return ServerProcess.start(name, options.serverCpus(), args);
  }

  private LoadClient client(ServerProcess server) {
    LoadClient client = new LoadClient(vertx, server.port(), options.connections());
    clients.add(client);
    return client;
  }

  private void throughput(
      ServerProcess plain, LoadClient plainLoad, ServerProcess swap, LoadClient swapLoad) {
    log("paired A/B throughput, " + options.pairs() + " pairs");
    List<Double> ratios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    List<Double> plainRates = new ArrayList<>();
    List<Double> swapRates = new ArrayList<>();
    List<Double> plainCpu = new ArrayList<>();
    List<Double> swapCpu = new ArrayList<>();
    for (int pair = 0; pair < options.pairs(); pair++) {
      double[] a;
      double[] b;
      if (pair % 2 == 0) {
        a = closedLoop(plain, plainLoad);
        b = closedLoop(swap, swapLoad);
      } else {
        b = closedLoop(swap, swapLoad);
        a = closedLoop(plain, plainLoad);
      }
      plainRates.add(a[0]);
      swapRates.add(b[0]);
      plainCpu.add(a[1]);
      swapCpu.add(b[1]);
      ratios.add(b[0] / a[0]);
      cpuRatios.add(b[1] / a[1]);
    }
    double ratio = Stats.median(ratios);
    report.row(
        "throughput req/s (closed loop, median)",
        Report.f("%.0f", Stats.median(plainRates)),
        Report.f("%.0f", Stats.median(swapRates)),
        Report.f(
            "ratio %.3f (min %.3f, max %.3f, %d pairs)",
            ratio, Stats.min(ratios), Stats.max(ratios), ratios.size()));
    report.row(
        "server CPU µs/request (median)",
        Report.f("%.1f", Stats.median(plainCpu)),
        Report.f("%.1f", Stats.median(swapCpu)),
        Report.f(
            "ratio %.3f (min %.3f, max %.3f)",
            Stats.median(cpuRatios), Stats.min(cpuRatios), Stats.max(cpuRatios)));
    report
        .json()
        .put(
            "throughput",
            new JsonObject()
                .put("plainReqPerSec", new JsonArray(new ArrayList<Object>(plainRates)))
                .put("hotswapReqPerSec", new JsonArray(new ArrayList<Object>(swapRates)))
                .put("ratios", new JsonArray(new ArrayList<Object>(ratios)))
                .put("plainCpuMicrosPerReq", new JsonArray(new ArrayList<Object>(plainCpu)))
                .put("hotswapCpuMicrosPerReq", new JsonArray(new ArrayList<Object>(swapCpu)))
                .put("cpuRatios", new JsonArray(new ArrayList<Object>(cpuRatios))));
    report.target(
        "throughput through endpoints",
        ">= 0.97 x plain",
        Report.f("%.3f (min %.3f, max %.3f)", ratio, Stats.min(ratios), Stats.max(ratios)),
        ratio >= 0.97);
  }

  /** One closed-loop leg: requests per second and server CPU µs per request. */
  private double[] closedLoop(ServerProcess server, LoadClient load) {
    long cpuBefore = stats(server, false).getLong("cpuNanos");
    long completed = await(load.closedLoop(options.pairSeconds() * 1000L));
    long cpuAfter = stats(server, false).getLong("cpuNanos");
    return new double[] {
      completed / (double) options.pairSeconds(), (cpuAfter - cpuBefore) / 1000.0 / completed
    };
  }

  private Histogram steady(LoadClient plainLoad, LoadClient swapLoad) {
    log("fixed-rate steady state, " + options.rate() + " req/s");
    Histogram plain =
        await(plainLoad.fixedRate(options.rate(), options.steadySeconds() * 1000L)).all();
    Histogram swap =
        await(swapLoad.fixedRate(options.rate(), options.steadySeconds() * 1000L)).all();
    report.row(
        "steady p50/p99/p99.9 ms @" + options.rate() + "/s",
        Report.latencies(plain),
        Report.latencies(swap),
        "latency from intended send time");
    report
        .json()
        .put(
            "steady",
            new JsonObject()
                .put("plain", Report.latencyJson(plain))
                .put("hotswap", Report.latencyJson(swap)));
    return swap;
  }

  private void reloadingUnderLoad(ServerProcess swap, LoadClient swapLoad, Histogram steady)
      throws InterruptedException {
    long interval = TimeUnit.MILLISECONDS.toNanos(options.reloadIntervalMillis());
    JsonObject warmUp = null;
    if (options.warmupReloads() > 0) {
      log(options.warmupReloads() + " warm-up reloads under the same load, reported apart");
      ReloadWindows first = underLoad(swap, swapLoad, (options.warmupReloads() + 1) * interval);
      Histogram cold = first.run().histogram(first.windows(), true);
      report.row(
          "first reloads after start: p50/p99/p99.9 ms in their windows",
          "-",
          Report.latencies(cold),
          first.windows().size() + " warm-up reloads, not in the windows below");
      warmUp =
          new JsonObject()
              .put("windows", first.windows().size())
              .put("inside", Report.latencyJson(cold));
    }
    log("fixed-rate load while reloading every " + options.reloadIntervalMillis() + " ms");
    ReloadWindows measured =
        underLoad(swap, swapLoad, TimeUnit.SECONDS.toNanos(options.reloadSeconds()));
    FixedRateRun run = measured.run();
    List<FixedRateRun.Window> windows = measured.windows();
    List<Long> totals = measured.totals();
    Histogram inside = run.histogram(windows, true);
    Histogram outside = run.histogram(windows, false);
    report.row(
        "reloading: p50/p99/p99.9 ms in reload windows",
        "-",
        Report.latencies(inside),
        windows.size() + " windows: trigger -> cutover + " + options.windowAfterMillis() + " ms");
    report.row("reloading: p50/p99/p99.9 ms between windows", "-", Report.latencies(outside), "");
    reloadRow("reload under load (trigger -> serving)", totals);
    double ratio =
        inside.getValueAtPercentile(99) / (double) Math.max(1, steady.getValueAtPercentile(99));
    report.target(
        "p99 in reload windows",
        "<= 1.5 x steady p99",
        Report.f(
            "%.2f x (%.2f ms vs %.2f ms)",
            ratio,
            inside.getValueAtPercentile(99) / 1000.0,
            steady.getValueAtPercentile(99) / 1000.0),
        ratio <= 1.5);
    report
        .json()
        .put(
            "reloading",
            new JsonObject()
                .put("windows", windows.size())
                .put("inside", Report.latencyJson(inside))
                .put("between", Report.latencyJson(outside))
                .put("reloadTotalNanos", new JsonArray(new ArrayList<Object>(totals)))
                .put("warmUp", warmUp));
  }

  private ReloadWindows underLoad(ServerProcess swap, LoadClient swapLoad, long runNanos)
      throws InterruptedException {
    return ReloadWindows.measure(
        swapLoad,
        options.rate(),
        TimeUnit.MILLISECONDS.toNanos(options.reloadIntervalMillis()),
        TimeUnit.MILLISECONDS.toNanos(options.windowAfterMillis()),
        runNanos,
        () -> reload(swap));
  }

  /** Idle reloads of the module of {@code classes}; returns the p50 in nanoseconds. */
  private double idleReloads(ServerProcess swap, int classes, JsonObject before) {
    log(options.idleReloads() + " idle reloads of the " + classes + "-class module");
    List<Long> totals = new ArrayList<>();
    List<Long> loading = new ArrayList<>();
    List<Long> starting = new ArrayList<>();
    for (int i = 0; i < options.idleReloads(); i++) {
      JsonObject outcome = reload(swap);
      totals.add(outcome.getLong("totalNanos"));
      loading.add(outcome.getLong("loadingNanos"));
      starting.add(outcome.getLong("startingNanos"));
    }
    reloadRow("idle reload, " + classes + " classes (trigger -> serving)", totals);
    reloadRow("  of which loading (snapshot+loader+define+scan)", loading);
    reloadRow("  of which starting (deploy entry verticles)", starting);
    double p50 = Stats.median(totals);
    long goal = classes <= 30 ? 20 : classes >= 5000 ? 300 : -1;
    if (goal > 0) {
      report.target(
          "reload p50, " + classes + " classes",
          "<= " + goal + " ms",
          Report.f(
              "%.1f ms (p99 %.1f ms)",
              Stats.ms((long) p50), Stats.ms((long) Stats.percentile(totals, 99))),
          p50 <= goal * 1_000_000.0);
    }
    JsonObject after = stats(swap, true);
    report.row(
        "metaspace MiB / loaded classes, " + classes + "-class module",
        "-",
        Report.f(
            "%.1f -> %.1f / %d -> %d",
            before.getLong("metaspaceUsed") / 1048576.0,
            after.getLong("metaspaceUsed") / 1048576.0,
            before.getLong("loadedClasses"),
            after.getLong("loadedClasses")),
        "after System.gc(), across all reloads since; "
            + after.getLong("unloadedClasses")
            + " classes unloaded");
    report
        .json()
        .put(
            "idle-" + classes,
            new JsonObject()
                .put("totalNanos", new JsonArray(new ArrayList<Object>(totals)))
                .put("loadingNanos", new JsonArray(new ArrayList<Object>(loading)))
                .put("startingNanos", new JsonArray(new ArrayList<Object>(starting)))
                .put("memoryBefore", before)
                .put("memoryAfter", after));
    return p50;
  }

  private void reloadRow(String what, List<Long> nanos) {
    report.row(
        what + " p50/p99 ms",
        "-",
        Report.f(
            "%.1f / %.1f",
            Stats.ms((long) Stats.median(nanos)), Stats.ms((long) Stats.percentile(nanos, 99))),
        Report.f(
            "n=%d, min %.1f, max %.1f",
            nanos.size(), Stats.ms((long) Stats.min(nanos)), Stats.ms((long) Stats.max(nanos))));
  }

  private void drains(ServerProcess swap) {
    JsonArray drains = stats(swap, false).getJsonArray("drainNanos");
    List<Long> values = new ArrayList<>();
    drains.forEach(v -> values.add(((Number) v).longValue()));
    reloadRow("drain (DRAINING -> RETIRED)", values);
  }

  private void freshStart(Path codeDir, double reloadP50) throws Exception {
    log(options.freshStarts() + " fresh JVM starts");
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < options.freshStarts(); i++) {
      starts.add(FreshStartProbe.timeToFirstResponse(codeDir));
    }
    double median = Stats.median(starts);
    double ratio = median / reloadP50;
    report.row(
        "fresh JVM: time to first 200, ms (median)",
        "-",
        Report.f("%.0f", Stats.ms((long) median)),
        Report.f(
            "min %.0f, max %.0f, n=%d; unpinned",
            Stats.ms((long) Stats.min(starts)), Stats.ms((long) Stats.max(starts)), starts.size()));
    report.target(
        "reload vs fresh JVM",
        ">= 50 x faster",
        Report.f(
            "%.0f x (%.0f ms vs %.1f ms)",
            ratio, Stats.ms((long) median), Stats.ms((long) reloadP50)),
        ratio >= 50);
    report.json().put("freshStartNanos", new JsonArray(new ArrayList<Object>(starts)));
  }

  private void counts() {
    long sent = 0;
    long ok = 0;
    long failed = 0;
    for (LoadClient client : clients) {
      sent += client.sent();
      ok += client.ok();
      failed += client.failed();
    }
    report.row(
        "requests sent / ok / failed (whole run)",
        "",
        Report.f("%d / %d / %d", sent, ok, failed),
        "both servers together");
    report
        .json()
        .put("requests", new JsonObject().put("sent", sent).put("ok", ok).put("failed", failed));
    report.target(
        "failed requests", "0", Report.f("%d of %d", failed, sent), failed == 0 && sent == ok);
  }

  private JsonObject reload(ServerProcess swap) {
    JsonObject outcome = await(LoadClient.getJson(control(), swap.controlPort(), "/reload"));
    if (!"ACTIVATED".equals(outcome.getString("status"))) {
      throw new IllegalStateException("reload did not activate: " + outcome.encode());
    }
    return outcome;
  }

  private JsonObject stats(ServerProcess server, boolean gc) {
    return await(
        LoadClient.getJson(control(), server.controlPort(), gc ? "/stats?gc=1" : "/stats"));
  }

  private HttpClient control() {
    if (control == null) {
      control = vertx.createHttpClient();
    }
    return control;
  }

  private static void pinSelf(String cpus) {
    if (cpus == null || !java.nio.file.Files.isExecutable(Path.of("/usr/bin/taskset"))) {
      return;
    }
    try {
      new ProcessBuilder(
              "/usr/bin/taskset",
              "-a",
              "-p",
              "-c",
              cpus,
              Long.toString(ProcessHandle.current().pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (Exception e) {
      System.err.println("could not pin the harness to cores " + cpus + ": " + e);
    }
  }

  private static void log(String message) {
    System.out.printf("[%tT] %s%n", System.currentTimeMillis(), message);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("waited for a future and got " + e, e);
    }
  }
}
