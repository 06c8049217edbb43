package io.hotswap.internal.generation;

import io.hotswap.api.GenerationEntry;
import io.hotswap.loader.ClassDefinitionException;
import io.hotswap.loader.CodeSource;
import io.hotswap.loader.DefineWorkers;
import io.hotswap.loader.EntryPointScanner;
import io.hotswap.loader.GenerationClassLoader;
import io.hotswap.loader.ParentFirstPolicy;
import io.hotswap.loader.ShadowReport;
import io.hotswap.loader.Snapshot;
import io.hotswap.loader.SnapshotFileStore;
import io.hotswap.loader.Snapshotter;
import io.hotswap.loader.UnlinkedClass;
import io.vertx.core.Deployable;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LOADING phase: snapshots the code source (incrementally), builds the generation classloader,
 * defines and links every class so that a broken build fails before any of its code runs, and finds
 * the entry points. Blocking; runs on the supervisor thread, which defines with the help of the
 * JVM's {@code hotswap-define-<n>} threads when the machine has cores to spare ({@link
 * DefineWorkers#forMachine()}), never on an event loop.
 *
 * <p>Not thread-safe: the supervisor calls it for one reload at a time.
 */
final class CodeLoader {
  private static final Logger LOG = LoggerFactory.getLogger(CodeLoader.class);

  /** Shared by every host of the JVM: reloads are rare, and the threads end when idle. */
  private static final DefineWorkers DEFINE_WORKERS = DefineWorkers.forMachine();

  private final Path codeSourcePath;
  private final boolean allowWritable;
  private final ParentFirstPolicy policy;
  private final ClassLoader hostLoader;
  private final String mainVerticle;
  private final SnapshotFileStore files;
  private final EntryPointScanner scanner = new EntryPointScanner(GenerationEntry.class.getName());
  private Snapshotter snapshotter;

  CodeLoader(
      Path codeSourcePath,
      boolean allowWritable,
      ParentFirstPolicy policy,
      ClassLoader hostLoader,
      String mainVerticle,
      SnapshotFileStore files) {
    this.mainVerticle = mainVerticle;
    this.files = files;
    this.codeSourcePath = codeSourcePath;
    this.allowWritable = allowWritable;
    this.policy = policy;
    this.hostLoader = hostLoader;
  }

  /** Takes a snapshot of the code source (incremental: only changed files are read). */
  Snapshot snapshot() throws IOException {
    return snapshotter().take();
  }

  /** Loads generation {@code generation} from {@code snapshot}; any failure means FAILED. */
  LoadedCode load(long generation, Snapshot snapshot) throws ClassDefinitionException, IOException {
    GenerationFiles generationFiles = GenerationFiles.of(generation, files.lease(snapshot), files);
    try {
      return load(generation, snapshot, generationFiles);
    } catch (ClassDefinitionException | IOException | RuntimeException | Error e) {
      generationFiles.close();
      throw e;
    }
  }

  private LoadedCode load(long generation, Snapshot snapshot, GenerationFiles generationFiles)
      throws ClassDefinitionException, IOException {
    GenerationClassLoader loader =
        new GenerationClassLoader(
            generation, snapshot, hostLoader, policy, generationFiles.snapshotFiles());
    List<String> names = scanner.scan(snapshot);
    List<UnlinkedClass> unlinked = loader.defineAll(roots(names), DEFINE_WORKERS);
    unlinked.forEach(skipped -> LOG.warn("gen-{}: {}", generation, skipped.describe()));
    List<LoadedCode.EntryPoint> entries = new ArrayList<>(names.size() + 1);
    if (mainVerticle != null) {
      if (!snapshot.classNames().contains(mainVerticle)) {
        throw new IllegalStateException(
            "main verticle "
                + mainVerticle
                + " is not in the snapshot of "
                + codeSourcePath
                + " ("
                + snapshot.classNames().size()
                + " classes)");
      }
      LoadedCode.EntryPoint main = entryPoint(loader, mainVerticle);
      entries.add(new LoadedCode.EntryPoint(main.type(), 1, main.threadingModel(), true));
      names = names.stream().filter(name -> !name.equals(mainVerticle)).toList();
    } else if (names.isEmpty()) {
      throw new IllegalStateException(
          "no class annotated @"
              + GenerationEntry.class.getSimpleName()
              + " in the snapshot of "
              + codeSourcePath
              + " ("
              + snapshot.classNames().size()
              + " classes)");
    }
    for (String name : names) {
      if (isStaleListEntry(snapshot, loader, name)) {
        LOG.warn(
            "gen-{}: {} lists {}, which is gone or no longer @GenerationEntry; skipped",
            generation,
            EntryPointScanner.ENTRY_POINTS,
            name);
        continue;
      }
      entries.add(entryPoint(loader, name));
    }
    if (entries.isEmpty()) {
      throw new IllegalStateException(
          "no @" + GenerationEntry.class.getSimpleName() + " class left in " + codeSourcePath);
    }
    LOG.info(
        "gen-{} loaded snapshot {}: {} classes, {} resources, entries {}",
        generation,
        snapshot.id().shortId(),
        snapshot.classNames().size(),
        snapshot.size(),
        entries.stream().map(entry -> entry.type().getName()).toList());
    return new LoadedCode(
        snapshot,
        loader,
        generationFiles,
        entries,
        unlinked.stream().map(UnlinkedClass::describe).toList());
  }

  /** Reports, later on {@code blocking}, the snapshot classes the host classpath shadows. */
  void reportShadowsLater(BlockingWork blocking, long generation, LoadedCode code) {
    Snapshot snapshot = code.snapshot();
    blocking.execute(
        () -> {
          try {
            ShadowReport.of(snapshot, hostLoader, policy).log(LOG, generation);
          } catch (RuntimeException e) {
            LOG.warn("gen-{}: shadow report failed", generation, e);
          }
        });
  }

  private Snapshotter snapshotter() {
    if (snapshotter == null) {
      snapshotter = new Snapshotter(CodeSource.of(codeSourcePath, allowWritable));
    }
    return snapshotter;
  }

  /**
   * Where the generation's code starts: the entry points, the main verticle, and the classes the
   * annotation processor or a scan found. A class not reachable from them may stay unlinked when
   * only an optional dependency is missing ({@link GenerationClassLoader#defineAll(Collection)}).
   */
  private Collection<String> roots(List<String> entryNames) {
    List<String> roots = new ArrayList<>(entryNames);
    if (mainVerticle != null) {
      roots.add(mainVerticle);
    }
    return roots;
  }

  /** A build-time list written by an earlier (incremental) compile may name dead entries. */
  private static boolean isStaleListEntry(
      Snapshot snapshot, GenerationClassLoader loader, String name) {
    if (!snapshot.resourceNames().contains(EntryPointScanner.ENTRY_POINTS)) {
      return false;
    }
    if (!snapshot.resourceNames().contains(name.replace('.', '/') + ".class")) {
      return true;
    }
    try {
      return !loader.loadClass(name).isAnnotationPresent(GenerationEntry.class);
    } catch (ClassNotFoundException | LinkageError e) {
      return false; // let entryPoint() report it
    }
  }

  private static LoadedCode.EntryPoint entryPoint(GenerationClassLoader loader, String name)
      throws ClassDefinitionException {
    Class<?> type;
    try {
      type = loader.loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("entry point " + name + " is not in the snapshot", e);
    }
    if (!Deployable.class.isAssignableFrom(type)) {
      throw new IllegalStateException(
          "entry point "
              + name
              + " is neither a Deployable nor a Verticle (extend VerticleBase or"
              + " AbstractVerticle)");
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      throw new IllegalStateException("entry point " + name + " is abstract");
    }
    try {
      type.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("entry point " + name + " has no no-argument constructor", e);
    }
    GenerationEntry annotation = type.getAnnotation(GenerationEntry.class);
    int instances = annotation == null ? 0 : annotation.instances();
    if (instances < 0) {
      throw new IllegalStateException(
          "entry point " + name + " asks for " + instances + " instances");
    }
    return new LoadedCode.EntryPoint(
        type.asSubclass(Deployable.class),
        instances,
        annotation == null ? io.vertx.core.ThreadingModel.EVENT_LOOP : annotation.threadingModel(),
        false);
  }
}
