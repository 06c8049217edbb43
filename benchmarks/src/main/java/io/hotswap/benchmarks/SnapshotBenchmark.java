package io.hotswap.benchmarks;

import io.hotswap.loader.CodeSource;
import io.hotswap.loader.Snapshot;
import io.hotswap.loader.Snapshotter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The snapshot step of a reload after a one-file edit, for a generated module of 5,000 classes (by
 * default): {@code take=oneChanged} switches the entry point's build and takes a snapshot with the
 * long-lived snapshotter (what a reload does); {@code take=fresh} is the baseline, a snapshot by a
 * new snapshotter that reads and hashes every file; {@code take=unchanged} is the floor, the
 * long-lived snapshotter when nothing changed (the walk over sizes and modification times alone),
 * so {@code oneChanged - unchanged} is what the one change costs. Sampled, so JMH prints p50 and
 * p99.
 *
 * <p>The touched file gets a modification time well in the past (a new one each time), so it is
 * re-read because its time changed and is not re-read at the next take as "racily clean". {@link
 * #main} runs the benchmark and prints the p50 of each and the ratios oneChanged / fresh and
 * oneChanged / unchanged of the same run.
 *
 * <p>JMH state; one benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SnapshotBenchmark {

  static final long PAST_MILLIS = 1_000_000_000_000L; // September 2001

  /** Classes in the module. */
  @Param({"5000"})
  public int classes;

  /**
   * {@code oneChanged}: after a one-file edit; {@code fresh}: baseline; {@code unchanged}: floor.
   */
  @Param({"fresh", "oneChanged", "unchanged"})
  public String take;

  private GeneratedModule module;
  private Path codeDir;
  private Path entryFile;
  private Snapshotter snapshotter;
  private boolean buildB;
  private long edits;

  /** Copies the module into a fresh directory and takes the first snapshot. */
  @Setup(Level.Trial)
  public void prepare() throws IOException {
    module = ModuleGenerator.module(classes);
    codeDir = BenchPaths.freshDir("jmh-snapshot-" + classes + "-");
    module.installInto(codeDir);
    entryFile = codeDir.resolve(GeneratedModule.ENTRY_FILE);
    agePast(codeDir);
    snapshotter = new Snapshotter(CodeSource.of(codeDir, true));
    snapshotter.take();
  }

  /** One edit: the entry point switches build, with a new (past) modification time. */
  @Setup(Level.Invocation)
  public void edit() throws IOException {
    if (take.equals("unchanged")) {
      return;
    }
    buildB = !buildB;
    module.switchBuild(codeDir, buildB);
    edits++;
    Files.setLastModifiedTime(entryFile, FileTime.fromMillis(PAST_MILLIS + edits * 1_000));
  }

  /** The snapshot a reload would take now. */
  @Benchmark
  public Snapshot snapshot() throws IOException {
    if (take.equals("fresh")) {
      return new Snapshotter(CodeSource.of(codeDir, true)).take();
    }
    return snapshotter.take();
  }

  /**
   * Runs this benchmark (JMH command-line options are passed on, e.g. {@code -p classes=500}) and
   * prints the p50 of each {@code take} and the ratios per module size.
   */
  public static void main(String[] args) throws RunnerException {
    CommandLineOptions command;
    try {
      command = new CommandLineOptions(args);
    } catch (org.openjdk.jmh.runner.options.CommandLineOptionException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .parent(command)
                    .include(SnapshotBenchmark.class.getSimpleName())
                    .build())
            .run();
    Map<String, Map<String, Double>> p50 = new HashMap<>();
    for (RunResult result : results) {
      String size = result.getParams().getParam("classes");
      String kind = result.getParams().getParam("take");
      p50.computeIfAbsent(size, k -> new HashMap<>())
          .put(kind, result.getPrimaryResult().getStatistics().getPercentile(50));
    }
    p50.forEach(
        (size, byKind) -> {
          Double fresh = byKind.get("fresh");
          Double changed = byKind.get("oneChanged");
          Double unchanged = byKind.get("unchanged");
          if (fresh != null && changed != null && unchanged != null) {
            System.out.printf(
                "SnapshotBenchmark classes=%s p50 ms: fresh %.3f, oneChanged %.3f, unchanged %.3f;"
                    + " ratio oneChanged/fresh %.3f, oneChanged/unchanged %.3f%n",
                size, fresh, changed, unchanged, changed / fresh, changed / unchanged);
          }
        });
  }

  static void agePast(Path root) {
    FileTime past = FileTime.fromMillis(PAST_MILLIS);
    try (var files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          Files.setLastModifiedTime(file, past);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
