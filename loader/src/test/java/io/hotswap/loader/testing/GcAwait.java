package io.hotswap.loader.testing;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for an object to be garbage collected by calling {@link System#gc()} under a deadline,
 * never by allocating until OutOfMemoryError; can write a heap dump to find what still holds it.
 *
 * <p>Stateless; thread-safe.
 */
public final class GcAwait {

  private static final long PAUSE_MILLIS = 50;

  private GcAwait() {}

  /**
   * Whether the referent of {@code ref} was collected within {@code timeout}, calling {@link
   * System#gc()} repeatedly meanwhile.
   */
  public static boolean awaitCollected(WeakReference<?> ref, Duration timeout) {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ref.get() != null) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      System.gc();
      try {
        // A queue nobody enqueues on: a bounded, interruptible pause that lets reference
        // processing and class unloading finish between GCs.
        Reference<?> none = queue.remove(PAUSE_MILLIS);
        assert none == null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ref.get() == null;
      }
    }
    return true;
  }

  /**
   * Like {@link #awaitCollected(WeakReference, Duration)}, but when the referent was not collected
   * writes a heap dump of live objects to {@code heapDump} (replacing it) before returning false.
   */
  public static boolean awaitCollectedOrDumpHeap(
      WeakReference<?> ref, Duration timeout, Path heapDump) {
    if (awaitCollected(ref, timeout)) {
      return true;
    }
    dumpHeap(heapDump);
    return false;
  }

  /** Writes a heap dump of live objects to {@code file} (an {@code .hprof}), replacing it. */
  public static void dumpHeap(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .dumpHeap(file.toAbsolutePath().toString(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
