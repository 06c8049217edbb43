package io.hotswap.benchmarks;

import io.hotswap.loader.CodeSource;
import io.hotswap.loader.DefineWorkers;
import io.hotswap.loader.GenerationClassLoader;
import io.hotswap.loader.ParentFirstPolicy;
import io.hotswap.loader.Snapshot;
import io.hotswap.loader.SnapshotFileStore;
import io.hotswap.loader.SnapshotFiles;
import io.hotswap.loader.Snapshotter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the time of a define goes, on one thread and on the caller plus one {@link DefineWorkers}
 * thread, in pairs whose order alternates: for each define, the wall time and, per thread, the time
 * on a CPU, the time runnable but waiting for a CPU, and (the caller's) the time blocked, from
 * Linux's {@link ThreadSchedStat}. On a machine whose cores are all busy the wall time says little;
 * the caller's CPU time is the define's critical path where a core is free, and its blocked time is
 * what the threads cost each other (a class one waits for while another defines it).
 *
 * <p>Run: {@code java -Xms512m -Xmx512m -cp benchmarks/target/hotswap-benchmarks.jar
 * io.hotswap.benchmarks.DefineSplit [classes] [pairs]} (defaults 5000 and 40; the first quarter of
 * the pairs is warm-up). Not thread-safe; a main.
 */
public final class DefineSplit {
  private static final String DEFINE_THREADS = "hotswap-define-";

  private DefineSplit() {}

  /** Runs the pairs and prints one line per mode. */
  public static void main(String[] args) throws Exception {
    int classes = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    Snapshot snapshot =
        new Snapshotter(CodeSource.of(ModuleGenerator.module(classes).compiled(), true)).take();
    DefineWorkers helped = DefineWorkers.of(1, 1);
    List<double[]> alone = new ArrayList<>();
    List<double[]> withHelper = new ArrayList<>();
    String tid = ThreadSchedStat.currentTid();
    try (SnapshotFileStore store = SnapshotFileStore.inTempDir()) {
      for (int pair = 0; pair < pairs; pair++) {
        for (int leg = 0; leg < 2; leg++) {
          boolean parallel = (pair + leg) % 2 == 1;
          double[] split = define(snapshot, store, parallel ? helped : DefineWorkers.none(), tid);
          if (pair >= pairs / 4) {
            (parallel ? withHelper : alone).add(split);
          }
        }
        if (pair % 5 == 4) {
          System.gc(); // the retired loaders' classes go between pairs, not inside a define
        }
      }
    }
    double[] load = ProcStat.loadAverage();
    System.out.printf(
        Locale.ROOT,
        "%d classes, %d pairs measured, load average %.2f %.2f %.2f; ms, medians but wall%n",
        classes,
        alone.size(),
        load[0],
        load[1],
        load[2]);
    print("caller alone", alone);
    print("caller + 1 thread", withHelper);
  }

  /** {wall, caller on CPU, caller waiting for CPU, caller blocked, helpers on CPU, waiting}. */
  private static double[] define(
      Snapshot snapshot, SnapshotFileStore store, DefineWorkers workers, String tid)
      throws Exception {
    Map<String, ThreadSchedStat> before = ThreadSchedStat.of(tid, DEFINE_THREADS);
    long start = System.nanoTime();
    try (SnapshotFiles files = store.lease(snapshot)) {
      new GenerationClassLoader(
              1, snapshot, DefineSplit.class.getClassLoader(), ParentFirstPolicy.defaults(), files)
          .defineAll(null, workers);
    }
    long wall = System.nanoTime() - start;
    double[] split = new double[6];
    split[0] = Stats.ms(wall);
    for (Map.Entry<String, ThreadSchedStat> thread :
        ThreadSchedStat.of(tid, DEFINE_THREADS).entrySet()) {
      ThreadSchedStat used =
          thread.getValue().minus(before.getOrDefault(thread.getKey(), new ThreadSchedStat(0, 0)));
      int column = thread.getKey().equals(tid) ? 1 : 4;
      split[column] += Stats.ms(used.onCpu());
      split[column + 1] += Stats.ms(used.waitingForCpu());
    }
    split[3] = Math.max(0, split[0] - split[1] - split[2]);
    return split;
  }

  private static void print(String mode, List<double[]> rows) {
    System.out.printf(
        Locale.ROOT,
        "%-18s wall min/median/max %6.1f / %6.1f / %6.1f | caller cpu %5.1f, waiting for cpu"
            + " %6.1f, blocked %5.1f | helper cpu %5.1f, waiting for cpu %6.1f%n",
        mode,
        Stats.min(column(rows, 0)),
        Stats.median(column(rows, 0)),
        Stats.max(column(rows, 0)),
        Stats.median(column(rows, 1)),
        Stats.median(column(rows, 2)),
        Stats.median(column(rows, 3)),
        Stats.median(column(rows, 4)),
        Stats.median(column(rows, 5)));
  }

  private static List<Double> column(List<double[]> rows, int column) {
    List<Double> values = new ArrayList<>(rows.size());
    rows.forEach(row -> values.add(row[column]));
    return values;
  }
}
