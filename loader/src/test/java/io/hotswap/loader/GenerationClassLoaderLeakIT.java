package io.hotswap.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.loader.testing.GcAwait;
import io.hotswap.loader.testing.JavaSourceCompiler;
import io.hotswap.loader.testing.TestFiles;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves that a retired generation loader is collected, with a pinning negative control. */
class GenerationClassLoaderLeakIT {

  private static final Duration GC_TIMEOUT = Duration.ofSeconds(10);

  /** Negative control: a host static holding an instance of a generation class. */
  private static volatile Object pinned;

  @TempDir Path dir;
  private Snapshot snapshot;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void compile() throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of(
                "com.acme.Spawner",
                "package com.acme; public class Spawner {"
                    + " public static Thread spawn(Runnable task) {"
                    + " Thread t = new Thread(task, \"spawned-by-generation\");"
                    + " t.setDaemon(true); t.setContextClassLoader(null); t.start(); return t; } }",
                "com.acme.Value",
                "package com.acme; public class Value { public static Object make() { return new"
                    + " Value(); } }"));
    Files.writeString(classes.resolve("x.txt"), "x");
    snapshot = new Snapshotter(CodeSource.of(classes)).take();
  }

  @AfterEach
  void releaseThreads() {
    pinned = null;
    release.countDown();
  }

  @Test
  void retire_loaderUsedAndResourceUrlKeptByHost_collected() throws Exception {
    URL[] keptUrl = new URL[1];
    WeakReference<ClassLoader> loader = useAndRetire(keptUrl, false, false);

    assertThat(GcAwait.awaitCollectedOrDumpHeap(loader, GC_TIMEOUT, dump("url-kept"))).isTrue();
    assertThat(keptUrl[0].openStream().readAllBytes()).containsExactly('x');
  }

  @Test
  void retire_threadCreatedWhileGenerationCodeOnStack_collected() throws Exception {
    WeakReference<ClassLoader> loader = useAndRetire(new URL[1], true, false);

    assertThat(GcAwait.awaitCollectedOrDumpHeap(loader, GC_TIMEOUT, dump("thread-spawned")))
        .isTrue();
  }

  @Test
  void retire_generationObjectHeldByHostStatic_notCollected() throws Exception {
    WeakReference<ClassLoader> loader = useAndRetire(new URL[1], false, true);

    assertThat(GcAwait.awaitCollected(loader, Duration.ofSeconds(1))).isFalse();

    pinned = null;
    assertThat(GcAwait.awaitCollected(loader, GC_TIMEOUT)).isTrue();
  }

  @Test
  void retire_definedOnDefineThreadsThatStayAlive_collected() throws Exception {
    Map<String, String> sources = new java.util.HashMap<>();
    for (int i = 0; i < 300; i++) {
      String name = String.format(java.util.Locale.ROOT, "C%03d", i);
      String next = i == 299 ? "Object" : String.format(java.util.Locale.ROOT, "C%03d", i + 1);
      sources.put(
          "com.acme.many." + name,
          "package com.acme.many; public class " + name + " { " + next + " next; }");
    }
    Snapshot many =
        new Snapshotter(CodeSource.of(JavaSourceCompiler.compile(dir.resolve("many"), sources)))
            .take();
    DefineWorkers workers = DefineWorkers.of(2, 1);
    WeakReference<ClassLoader> loader = defineAndRetire(many, workers);

    assertThat(Thread.getAllStackTraces().keySet())
        .as("define threads alive while the loader is collected")
        .anyMatch(thread -> thread.getName().startsWith("hotswap-define-"));
    assertThat(GcAwait.awaitCollectedOrDumpHeap(loader, GC_TIMEOUT, dump("define-threads")))
        .isTrue();
  }

  private static WeakReference<ClassLoader> defineAndRetire(
      Snapshot snapshot, DefineWorkers workers) throws Exception {
    GenerationClassLoader loader =
        new GenerationClassLoader(
            2,
            snapshot,
            GenerationClassLoaderLeakIT.class.getClassLoader(),
            ParentFirstPolicy.defaults(),
            TestFiles.of(snapshot));
    loader.defineAll(null, workers);
    return new WeakReference<>(loader);
  }

  private static Path dump(String name) {
    return Path.of("target", "heap-dumps", "GenerationClassLoaderLeakIT-" + name + ".hprof");
  }

  /** Builds a generation, uses it, and returns only a weak reference to its loader. */
  private WeakReference<ClassLoader> useAndRetire(URL[] keptUrl, boolean spawnThread, boolean pin)
      throws Exception {
    GenerationClassLoader loader =
        new GenerationClassLoader(
            1,
            snapshot,
            GenerationClassLoaderLeakIT.class.getClassLoader(),
            ParentFirstPolicy.defaults(),
            TestFiles.of(snapshot));
    loader.defineAll();
    keptUrl[0] = loader.getResource("x.txt");
    Object value = loader.loadClass("com.acme.Value").getMethod("make").invoke(null);
    if (spawnThread) {
      Runnable hostTask = this::awaitRelease;
      loader
          .loadClass("com.acme.Spawner")
          .getMethod("spawn", Runnable.class)
          .invoke(null, hostTask);
    }
    if (pin) {
      pinned = value;
    }
    return new WeakReference<>(loader);
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
