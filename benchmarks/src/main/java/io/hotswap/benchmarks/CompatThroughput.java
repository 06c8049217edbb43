package io.hotswap.benchmarks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Throughput against plain Vert.x, measured by an external load generator in paired, interleaved
 * runs: compat mode on an unmodified application ({@code --app compat}, the default: {@link
 * CompatThroughputApp}, vertx-web, one HTTP verticle instance) or the binding API ({@code --app
 * binding}: {@link HelloHandler} through a hotswap HTTP endpoint, as {@link ServerMain} runs it);
 * {@link ThroughputApp}. Each server is a fresh child JVM ({@code -Xms512m -Xmx512m}) pinned to
 * core 0, loaded by {@code wrk} pinned to core 1; each of the N pairs starts a plain and a hotswap
 * server side by side, warms both up and measures them in A B B A slices ({@link InterleavedPair}),
 * so the machine's drift reaches both alike. Per pair it prints requests/s (ratio hotswap/plain)
 * and the server's CPU µs per request from {@code /proc/<pid>/stat} (ratio plain/hotswap), then the
 * median, min and max of both ratios with PASS/MISS against {@code --target} (0.95 by default), and
 * writes {@code compat-throughput.json} or {@code binding-throughput.json} (and a timestamped copy)
 * under the output directory. Every run must have 0 non-2xx responses and 0 socket errors; a pair
 * during which others used more of the server's core than {@code --max-core-other} is run again.
 * When the median CPU ratio misses ({@code --profile auto}) or always ({@code --profile always})
 * one more pair runs under JFR and the frames that cost hotswap more per request are printed.
 *
 * <p>Run: {@code java -cp benchmarks/target/hotswap-benchmarks.jar
 * io.hotswap.benchmarks.CompatThroughput [--flag value ...]} (flags: {@link
 * CompatThroughputOptions}). Exits 0 when every run was clean (targets may still be missed), 1 when
 * a run had errors, 2 when {@code wrk} is missing. A main; not thread-safe.
 */
public final class CompatThroughput {
  private static final Predicate<String> HOTSWAP = m -> m.startsWith("io.hotswap.");
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private final CompatThroughputOptions options;
  private final Wrk wrk;
  private final JsonObject json = new JsonObject();
  private final int serverCore;
  private boolean clean = true;
  private Path code;

  private CompatThroughput(CompatThroughputOptions options, Path wrk) {
    this.options = options;
    this.wrk = new Wrk(wrk, options.clientCpus(), options.threads(), options.connections());
    String cpus = options.serverCpus();
    this.serverCore = cpus != null && cpus.matches("\\d+") ? Integer.parseInt(cpus) : -1;
  }

  /** Runs the benchmark; see the class comment for the exit status. */
  public static void main(String[] args) throws Exception {
    CompatThroughputOptions options = CompatThroughputOptions.parse(args);
    Optional<Path> wrk = Wrk.find();
    if (wrk.isEmpty()) {
      System.err.println(
          "CompatThroughput needs wrk, which is not on the PATH: install"
              + " Debian's package (apt-get install -y wrk) and run again");
      System.exit(2);
    }
    Pinning.pinSelf(options.clientCpus());
    System.exit(new CompatThroughput(options, wrk.get()).run() ? 0 : 1);
  }

  private boolean run() throws Exception {
    double[] load = ProcStat.loadAverage();
    String pinning =
        !Pinning.available()
            ? "taskset not found: server, wrk and this driver run unpinned"
            : "server "
                + (options.serverCpus() == null ? "unpinned" : "taskset -c " + options.serverCpus())
                + ", wrk (and this driver) "
                + (options.clientCpus() == null
                    ? "unpinned"
                    : "taskset -c " + options.clientCpus());
    System.out.printf(
        Locale.ROOT,
        "%s throughput: %d cores, %s %s, %s; %s; load average %.2f %.2f %.2f%n",
        options.app().name().toLowerCase(Locale.ROOT),
        CORES,
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        options,
        pinning,
        load[0],
        load[1],
        load[2]);
    json.put("started", Instant.now().toString())
        .put("options", options.toString())
        .put("pinning", pinning)
        .put("jvmFlags", new JsonArray(new ArrayList<Object>(CompatThroughputProcess.JVM_FLAGS)))
        .put(
            "machine",
            new JsonObject()
                .put("cores", CORES)
                .put("jdk", System.getProperty("java.runtime.version"))
                .put("loadAverageAtStart", new JsonArray(List.of(load[0], load[1], load[2]))));
    json.put("app", options.app().name().toLowerCase(Locale.ROOT));
    code = options.app().prepare();
    InterleavedPair interleaved = new InterleavedPair(options, code, wrk, serverCore);

    List<Double> rateRatios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    JsonArray pairs = new JsonArray();
    System.out.printf(
        Locale.ROOT,
        "%npair | plain req/s  µs/req  load1 core0-other | hotswap req/s  µs/req  load1"
            + " core0-other | req/s ratio | CPU ratio%n");
    JsonArray discarded = new JsonArray();
    int noisyKept = 0;
    for (int pair = 1; pair <= options.pairs(); pair++) {
      Run plain;
      Run hotswap;
      int attempt = 0;
      boolean noisy;
      while (true) {
        attempt++;
        List<InterleavedPair.Side> sides = interleaved.measure(pair);
        plain = run("plain", "pair" + pair, sides.get(0));
        hotswap = run("hotswap", "pair" + pair, sides.get(1));
        noisy = noisy(plain) || noisy(hotswap);
        if (!noisy || attempt > options.retries()) {
          break;
        }
        System.out.printf(
            Locale.ROOT,
            "%4d | %s | %s | noisy: others used core %d for more than %d%%, run the pair again%n",
            pair,
            plain,
            hotswap,
            serverCore,
            options.maxCoreOther());
        discarded.add(
            new JsonObject()
                .put("pair", pair)
                .put("plain", plain.json())
                .put("hotswap", hotswap.json()));
      }
      if (pair == 1) {
        System.out.println("     plain:   " + plain.detail());
        System.out.println("     hotswap: " + hotswap.detail());
      }
      noisyKept += noisy ? 1 : 0;
      double rateRatio = hotswap.requestsPerSecond() / plain.requestsPerSecond();
      double cpuRatio = plain.cpuMicrosPerRequest() / hotswap.cpuMicrosPerRequest();
      rateRatios.add(rateRatio);
      cpuRatios.add(cpuRatio);
      System.out.printf(
          Locale.ROOT,
          "%4d | %s | %s | %11.3f | %9.3f%s%n",
          pair,
          plain,
          hotswap,
          rateRatio,
          cpuRatio,
          noisy ? "  (noisy, kept after " + attempt + " attempts)" : "");
      pairs.add(
          new JsonObject()
              .put("pair", pair)
              .put("attempts", attempt)
              .put("noisy", noisy)
              .put("plain", plain.json())
              .put("hotswap", hotswap.json())
              .put("requestsPerSecondRatio", rateRatio)
              .put("cpuRatio", cpuRatio));
    }
    json.put("discardedNoisyPairs", discarded);
    json.put("pairs", pairs);

    System.out.printf(
        Locale.ROOT,
        "%ntargets (%d pairs, %d noisy pairs run again, %d noisy pairs kept)%n",
        rateRatios.size(),
        discarded.size(),
        noisyKept);
    JsonObject summary = new JsonObject();
    summary.put("requestsPerSecondRatio", target("req/s ratio hotswap/plain", rateRatios));
    double cpuMedian = Stats.median(cpuRatios);
    summary.put("cpuRatio", target("CPU per request ratio plain/hotswap", cpuRatios));
    json.put("summary", summary);
    if (!clean) {
      System.out.println("  some run had non-2xx responses or socket errors: the ratios are void");
    }
    if (options.profile().equals("always")
        || (options.profile().equals("auto") && cpuMedian < options.target())) {
      profile();
    }
    write();
    return clean;
  }

  private JsonObject target(String name, List<Double> ratios) {
    double median = Stats.median(ratios);
    boolean pass = clean && median >= options.target();
    System.out.printf(
        Locale.ROOT,
        "  %-38s median %.3f (min %.3f, max %.3f)  >= %.2f  %s%n",
        name,
        median,
        Stats.min(ratios),
        Stats.max(ratios),
        options.target(),
        pass ? "PASS" : "MISS");
    return new JsonObject()
        .put("ratios", new JsonArray(new ArrayList<Object>(ratios)))
        .put("median", median)
        .put("min", Stats.min(ratios))
        .put("max", Stats.max(ratios))
        .put("target", options.target())
        .put("pass", pass);
  }

  /** One side of an interleaved pair, its warm-up and its slices checked. */
  private Run run(String mode, String label, InterleavedPair.Side side) {
    check(mode + " " + label + " warm-up", side.warmUp());
    check(mode + " " + label, side.result());
    return new Run(
        mode,
        side.result(),
        side.cpuMicrosPerRequest(),
        side.load1(),
        side.coreOtherPercent(),
        side.detail(),
        null);
  }

  /** One fresh server: warm-up, then the measured window (under JFR if {@code record}). */
  private Run measure(String mode, String label, boolean record) throws Exception {
    int seconds = record ? options.profileSeconds() : options.seconds();
    Path dir = BenchPaths.outputDir();
    Path log = dir.resolve(options.app().label() + "-" + mode + "-" + label + ".log");
    try (CompatThroughputProcess server =
        CompatThroughputProcess.start(
            options.app(),
            mode,
            code,
            options.serverCpus(),
            record ? List.of(FlightRecording.JVM_FLAG) : List.of(),
            log)) {
      Wrk.Result warm = wrk.run(server.url(), options.warmupSeconds());
      check(mode + " " + label + " warm-up", warm);
      double[] load = ProcStat.loadAverage();
      FlightRecording recording =
          record
              ? FlightRecording.start(
                  server.pid(),
                  dir.resolve(options.app().label() + "-" + mode + ".jfr"),
                  options.clientCpus())
              : null;
      ServerCpu cpu = new ServerCpu(server.pid(), serverCore);
      Wrk.Result result = cpu.over(() -> wrk.run(server.url(), seconds));
      ExecutionProfile profile = recording != null ? recording.stop() : null;
      check(mode + " " + label, result);
      double other = cpu.coreOtherPercent();
      double micros = cpu.microsPerRequest(result.requests());
      return new Run(mode, result, micros, load[0], other, server.detail(), profile);
    }
  }

  /** Whether others used the server's core for more than the allowed share during the run. */
  private boolean noisy(Run run) {
    return run.coreOtherPercent() > options.maxCoreOther();
  }

  private void check(String what, Wrk.Result result) {
    if (!result.clean()) {
      clean = false;
      System.out.println("  " + what + " was not clean: " + result + "\n" + result.output());
    }
  }

  /** One more pair under JFR; prints where hotswap spends more per request than plain. */
  private void profile() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "%nprofiling one more pair with JFR (settings=profile, started with jcmd after the"
            + " warm-up, %d s measured window; recordings under %s)%n",
        options.profileSeconds(),
        BenchPaths.outputDir());
    Run plain = measure("plain", "profile", true);
    Run hotswap = measure("hotswap", "profile", true);
    JsonObject section = new JsonObject();
    for (Run run : List.of(plain, hotswap)) {
      ExecutionProfile p = run.profile();
      System.out.printf(
          Locale.ROOT,
          "%n%s: %s, %.2f µs/req CPU, %d execution samples; threads %s%n",
          run.mode(),
          run.result(),
          run.cpuMicrosPerRequest(),
          p.samples(),
          top(p.threads(), 4));
      print("top leaf frames", p.leaves(m -> true), run, 12);
      section.put(
          run.mode(),
          run.json()
              .put("samples", p.samples())
              .put("leaves", counts(p.leaves(m -> true), 30))
              .put("inclusive", counts(p.inclusive(m -> true), 60)));
    }
    ExecutionProfile swap = hotswap.profile();
    int withHotswap = swap.samplesWith(HOTSWAP);
    System.out.printf(
        Locale.ROOT,
        "%nhotswap: %.1f%% of samples have an io.hotswap frame on the stack (the handler below"
            + " it included)%n",
        100.0 * withHotswap / swap.samples());
    print("io.hotswap frames, self (leaf)", swap.leaves(HOTSWAP), hotswap, 10);
    print("io.hotswap frames, inclusive", swap.inclusive(HOTSWAP), hotswap, 15);
    Map<String, Double> extra = extraPerRequest(plain, hotswap);
    System.out.printf(
        Locale.ROOT,
        "  frames (inclusive) hotswap spends more on per request than plain, ≈µs/req"
            + " (share × CPU µs/req, hotswap − plain):%n");
    extra.entrySet().stream()
        .limit(15)
        .forEach(e -> System.out.printf(Locale.ROOT, "    %+7.3f  %s%n", e.getValue(), e.getKey()));
    JsonObject extraJson = new JsonObject();
    extra.entrySet().stream().limit(40).forEach(e -> extraJson.put(e.getKey(), e.getValue()));
    section
        .put("hotswapSamplesWithHotswapFrame", withHotswap)
        .put("hotswapSelf", counts(swap.leaves(HOTSWAP), 30))
        .put("hotswapInclusive", counts(swap.inclusive(HOTSWAP), 40))
        .put("extraMicrosPerRequest", extraJson);
    json.put("profile", section);
  }

  private static Map<String, Double> extraPerRequest(Run plain, Run hotswap) {
    Map<String, Integer> a = plain.profile().inclusive(m -> true);
    Map<String, Integer> b = hotswap.profile().inclusive(m -> true);
    Map<String, Double> extra = new java.util.HashMap<>();
    for (String method : b.keySet()) {
      extra.put(method, cost(b.get(method), hotswap) - cost(a.getOrDefault(method, 0), plain));
    }
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    extra.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Samples as an estimated share of the run's CPU µs per request. */
  private static double cost(int samples, Run run) {
    return run.cpuMicrosPerRequest() * samples / Math.max(1, run.profile().samples());
  }

  private static void print(String title, Map<String, Integer> counts, Run run, int limit) {
    System.out.printf(Locale.ROOT, "  %s (share of samples, ≈µs/req):%n", title);
    counts.entrySet().stream()
        .limit(limit)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "    %5.1f%%  %6.3f  %s%n",
                    100.0 * e.getValue() / Math.max(1, run.profile().samples()),
                    cost(e.getValue(), run),
                    e.getKey()));
  }

  private static String top(Map<String, Integer> counts, int limit) {
    StringBuilder out = new StringBuilder();
    counts.entrySet().stream()
        .limit(limit)
        .forEach(e -> out.append(e.getKey()).append('=').append(e.getValue()).append(' '));
    return out.toString().trim();
  }

  private static JsonObject counts(Map<String, Integer> counts, int limit) {
    JsonObject out = new JsonObject();
    counts.entrySet().stream().limit(limit).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private void write() throws IOException {
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path dir = BenchPaths.outputDir();
    String name = options.app().label();
    Path latest = dir.resolve(name + ".json");
    Files.writeString(latest, json.encodePrettily());
    Files.writeString(dir.resolve(name + "-" + stamp + ".json"), json.encodePrettily());
    System.out.println("\nJSON: " + latest + " (and " + name + "-" + stamp + ".json)");
  }

  /**
   * One measured run.
   *
   * @param mode plain or hotswap
   * @param result wrk's summary of the measured window
   * @param cpuMicrosPerRequest the server's user + system CPU over the window per request
   * @param load1 the 1-minute load average just before the window
   * @param coreOtherPercent the server core's busy time over the window not spent by the server
   * @param detail what the server said when ready
   * @param profile the window's execution samples, or null
   */
  private record Run(
      String mode,
      Wrk.Result result,
      double cpuMicrosPerRequest,
      double load1,
      double coreOtherPercent,
      String detail,
      ExecutionProfile profile) {

    double requestsPerSecond() {
      return result.requestsPerSecond();
    }

    JsonObject json() {
      return new JsonObject()
          .put("requests", result.requests())
          .put("seconds", result.seconds())
          .put("requestsPerSecond", result.requestsPerSecond())
          .put("non2xx", result.non2xx())
          .put("socketErrors", result.socketErrors())
          .put("cpuMicrosPerRequest", cpuMicrosPerRequest)
          .put("loadAverage1", load1)
          .put("serverCoreOtherPercent", coreOtherPercent)
          .put("server", detail);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%13.0f %7.2f %6.2f %10.1f%%",
          result.requestsPerSecond(),
          cpuMicrosPerRequest,
          load1,
          coreOtherPercent);
    }
  }
}
