package io.hotswap.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * One pair of {@link CompatThroughput}: a fresh plain Vert.x server and a fresh hotswap server,
 * started side by side on the server core and each warmed up, then loaded by {@code wrk} in four
 * slices of half the measured window, A B B A (plain first on odd pairs, hotswap first on even
 * ones). On two shared cores the machine's speed drifts by 10–20 % over tens of seconds; measured
 * one after the other, that drift lands on whichever side ran second, while in A B B A slices a
 * drift that is steady over the pair reaches both sides alike. Each pair still starts its own two
 * JVMs, so the spread across pairs keeps the variance of JIT outcomes.
 *
 * <p>While one side is loaded the other server idles on the same core; its few ticks count as
 * others' use of the core ({@link Side#coreOtherPercent}).
 *
 * <p>Not thread-safe: one pair at a time.
 */
final class InterleavedPair {
  private final CompatThroughputOptions options;
  private final Path code;
  private final Wrk wrk;
  private final int serverCore;

  InterleavedPair(CompatThroughputOptions options, Path code, Wrk wrk, int serverCore) {
    this.options = options;
    this.code = code;
    this.wrk = wrk;
    this.serverCore = serverCore;
  }

  /**
   * What one side of a pair measured over its two slices.
   *
   * @param result both slices' wrk results as one
   * @param cpuMicrosPerRequest the server's CPU time per request over its slices
   * @param load1 the one-minute load average before the pair's first slice
   * @param coreOtherPercent the server core's busy time over its slices not spent by this server
   * @param detail what the server said when ready
   * @param warmUp the warm-up's wrk result
   */
  record Side(
      Wrk.Result result,
      double cpuMicrosPerRequest,
      double load1,
      double coreOtherPercent,
      String detail,
      Wrk.Result warmUp) {}

  /** Measures pair number {@code pair}; returns the plain side, then the hotswap side. */
  List<Side> measure(int pair) throws Exception {
    Path dir = BenchPaths.outputDir();
    String label = options.app().label() + "-%s-pair" + pair + ".log";
    try (CompatThroughputProcess plain = start("plain", dir.resolve(label.formatted("plain")));
        CompatThroughputProcess hotswap =
            start("hotswap", dir.resolve(label.formatted("hotswap")))) {
      Wrk.Result plainWarm = wrk.run(plain.url(), options.warmupSeconds());
      Wrk.Result hotswapWarm = wrk.run(hotswap.url(), options.warmupSeconds());
      double load = ProcStat.loadAverage()[0];
      boolean plainFirst = pair % 2 == 1;
      int slice = Math.max(1, options.seconds() / 2);
      Slices plainSlices = new Slices(plain);
      Slices hotswapSlices = new Slices(hotswap);
      List<Slices> order =
          plainFirst
              ? List.of(plainSlices, hotswapSlices, hotswapSlices, plainSlices)
              : List.of(hotswapSlices, plainSlices, plainSlices, hotswapSlices);
      for (Slices side : order) {
        side.run(slice);
      }
      return List.of(
          plainSlices.side(load, plain.detail(), plainWarm),
          hotswapSlices.side(load, hotswap.detail(), hotswapWarm));
    }
  }

  private CompatThroughputProcess start(String mode, Path log) {
    return CompatThroughputProcess.start(
        options.app(), mode, code, options.serverCpus(), List.of(), log);
  }

  /** One side's slices, summed. */
  private final class Slices {
    private final CompatThroughputProcess server;
    private final ServerCpu cpu;
    private Wrk.Result result;

    Slices(CompatThroughputProcess server) {
      this.server = server;
      this.cpu = new ServerCpu(server.pid(), serverCore);
    }

    void run(int seconds) throws Exception {
      Wrk.Result slice = cpu.over(() -> wrk.run(server.url(), seconds));
      result = result == null ? slice : result.plus(slice);
    }

    Side side(double load, String detail, Wrk.Result warmUp) {
      return new Side(
          result,
          cpu.microsPerRequest(result.requests()),
          load,
          cpu.coreOtherPercent(),
          detail,
          warmUp);
    }
  }
}
