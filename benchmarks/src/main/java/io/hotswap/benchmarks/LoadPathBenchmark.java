package io.hotswap.benchmarks;

import io.hotswap.api.GenerationEntry;
import io.hotswap.loader.CodeSource;
import io.hotswap.loader.DefineWorkers;
import io.hotswap.loader.EntryPointScanner;
import io.hotswap.loader.GenerationClassLoader;
import io.hotswap.loader.ParentFirstPolicy;
import io.hotswap.loader.Snapshot;
import io.hotswap.loader.SnapshotFileStore;
import io.hotswap.loader.SnapshotFiles;
import io.hotswap.loader.Snapshotter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The LOADING phase piece by piece, through the loader module's public API, for generated modules
 * of 30, 500 and 5,000 classes: a full snapshot (every file read), an incremental one (nothing
 * changed: a size and mtime walk), a new generation classloader defining and linking every class
 * (on the benchmark thread alone, and with the help of {@link DefineWorkers}), and entry-point
 * discovery by classgraph scan and by the build-time list.
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
public class LoadPathBenchmark {

  /** Classes in the module. */
  @Param({"30", "500", "5000"})
  public int classes;

  private Path codeDir;
  private Snapshotter incremental;
  private Snapshot snapshot;
  private Snapshot withoutList;
  private SnapshotFileStore fileStore;
  private DefineWorkers workers;

  /** Generates (or reuses) the module and takes the snapshots the other phases read. */
  @Setup(Level.Trial)
  public void prepare() throws IOException {
    codeDir = ModuleGenerator.module(classes).compiled();
    incremental = new Snapshotter(CodeSource.of(codeDir, true));
    snapshot = incremental.take();
    Map<String, byte[]> entries = new HashMap<>();
    for (String name : snapshot.resourceNames()) {
      if (!name.equals(EntryPointScanner.ENTRY_POINTS)) {
        ByteBuffer content = snapshot.resource(name).orElseThrow();
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        entries.put(name, bytes);
      }
    }
    withoutList = Snapshot.of(entries);
    fileStore = SnapshotFileStore.inTempDir();
    // Every size parallel (one class per thread is enough), to show where it starts to pay.
    workers =
        DefineWorkers.of(
            Math.max(1, DefineWorkers.forMachine().threads()), /* classesPerThread= */ 1);
  }

  /** Deletes the materialized snapshot files. */
  @TearDown(Level.Trial)
  public void cleanUp() {
    fileStore.close();
  }

  /** A snapshot from a new snapshotter: reads and hashes every file. */
  @Benchmark
  public Snapshot snapshotFull() throws IOException {
    return new Snapshotter(CodeSource.of(codeDir, true)).take();
  }

  /** A snapshot when nothing changed since the last one: walks sizes and mtimes. */
  @Benchmark
  public Snapshot snapshotIncremental() throws IOException {
    return incremental.take();
  }

  /** A new generation classloader that defines and links every class of the snapshot. */
  @Benchmark
  public ClassLoader defineAll() throws Exception {
    return define(DefineWorkers.none());
  }

  /**
   * The same on the benchmark thread and the machine's define threads (at least one, even on one
   * processor), used at every size.
   */
  @Benchmark
  public ClassLoader defineAllParallel() throws Exception {
    return define(workers);
  }

  private ClassLoader define(DefineWorkers with) throws Exception {
    try (SnapshotFiles files = fileStore.lease(snapshot)) {
      GenerationClassLoader loader =
          new GenerationClassLoader(
              1,
              snapshot,
              LoadPathBenchmark.class.getClassLoader(),
              ParentFirstPolicy.defaults(),
              files);
      loader.defineAll(null, with);
      return loader;
    }
  }

  /** Entry points found by a classgraph scan (the module without its build-time list). */
  @Benchmark
  public List<String> scanClassgraph() throws IOException {
    return new EntryPointScanner(GenerationEntry.class.getName()).scan(withoutList);
  }

  /** Entry points read from the build-time list. */
  @Benchmark
  public List<String> scanList() throws IOException {
    return new EntryPointScanner(GenerationEntry.class.getName()).scan(snapshot);
  }
}
