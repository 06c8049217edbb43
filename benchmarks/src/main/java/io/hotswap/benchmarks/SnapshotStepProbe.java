package io.hotswap.benchmarks;

import io.hotswap.loader.CodeSource;
import io.hotswap.loader.Snapshotter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link SnapshotBenchmark}'s three takes interleaved in one JVM, timed by the taking thread's CPU
 * time as well as by the wall clock: on a shared machine the neighbours stretch wall time, while
 * the CPU a take spends stays its own. Each round takes {@code fresh}, {@code oneChanged} and
 * {@code unchanged} once, in a rotating order; it prints the p50 and p90 of each and the p50 ratios
 * oneChanged / fresh and oneChanged / unchanged, and oneChanged − unchanged, the cost of the one
 * change above the walk.
 *
 * <p>{@code java -cp benchmarks/target/hotswap-benchmarks.jar
 * io.hotswap.benchmarks.SnapshotStepProbe [classes] [rounds]} (5,000 and 200 by default). Not
 * thread-safe; a command-line program.
 */
public final class SnapshotStepProbe {

  private static final List<String> TAKES = List.of("fresh", "oneChanged", "unchanged");
  private static final int WARMUP_ROUNDS = 30;

  private SnapshotStepProbe() {}

  /** Runs the probe; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    int classes = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    GeneratedModule module = ModuleGenerator.module(classes);
    Path codeDir = BenchPaths.freshDir("snapshot-probe-" + classes + "-");
    module.installInto(codeDir);
    SnapshotBenchmark.agePast(codeDir);
    Path entryFile = codeDir.resolve(GeneratedModule.ENTRY_FILE);
    Snapshotter longLived = new Snapshotter(CodeSource.of(codeDir, true));
    longLived.take();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[][] cpu = new long[TAKES.size()][rounds];
    long[][] wall = new long[TAKES.size()][rounds];
    long edits = 0;
    for (int round = -WARMUP_ROUNDS; round < rounds; round++) {
      for (int k = 0; k < TAKES.size(); k++) {
        int take = Math.floorMod(k + round, TAKES.size());
        if (take == 1) {
          edits++;
          module.switchBuild(codeDir, edits % 2 == 1);
          Files.setLastModifiedTime(
              entryFile, FileTime.fromMillis(SnapshotBenchmark.PAST_MILLIS + edits * 1_000));
        }
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        if (take == 0) {
          new Snapshotter(CodeSource.of(codeDir, true)).take();
        } else {
          longLived.take();
        }
        if (round >= 0) {
          wall[take][round] = System.nanoTime() - wallStart;
          cpu[take][round] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
      }
    }
    List<String> lines = new ArrayList<>();
    double[] cpuP50 = new double[TAKES.size()];
    double[] wallP50 = new double[TAKES.size()];
    for (int take = 0; take < TAKES.size(); take++) {
      cpuP50[take] = percentile(cpu[take], 50);
      wallP50[take] = percentile(wall[take], 50);
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-10s cpu p50 %8.3f p90 %8.3f | wall p50 %8.3f p90 %8.3f",
              TAKES.get(take),
              cpuP50[take],
              percentile(cpu[take], 90),
              wallP50[take],
              percentile(wall[take], 90)));
    }
    System.out.printf(
        Locale.ROOT, "SnapshotStepProbe classes=%d rounds=%d (ms per take)%n", classes, rounds);
    lines.forEach(System.out::println);
    System.out.printf(
        Locale.ROOT,
        "  p50 ratios cpu: oneChanged/fresh %.3f, oneChanged/unchanged %.3f;"
            + " wall: oneChanged/fresh %.3f, oneChanged/unchanged %.3f%n",
        cpuP50[1] / cpuP50[0],
        cpuP50[1] / cpuP50[2],
        wallP50[1] / wallP50[0],
        wallP50[1] / wallP50[2]);
    System.out.printf(
        Locale.ROOT,
        "  the one change above the walk (oneChanged - unchanged, p50): cpu %.3f ms, wall %.3f ms%n",
        cpuP50[1] - cpuP50[2],
        wallP50[1] - wallP50[2]);
  }

  private static double percentile(long[] nanos, int percent) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
