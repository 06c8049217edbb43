package io.hotswap.loader;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches retired class loaders until they are garbage collected, and reports those that are not.
 *
 * <p>Design notes: each loader is held only through a {@link PhantomReference} registered with a
 * reference queue, so tracking never keeps a loader alive. One daemon thread, {@code
 * hotswap-loader-tracker-<n>}, waits on the queue. When a loader's leak timeout passes without
 * collection the thread calls {@link System#gc()} up to {@value #GC_ATTEMPTS} times, waiting on the
 * queue briefly after each (an idle JVM may never collect by itself), and only then declares the
 * loader {@link LoaderFate#LEAKED} and logs it at WARN. A leaked loader collected later becomes
 * {@link LoaderFate#COLLECTED} (logged at INFO). With {@code -XX:+DisableExplicitGC} loaders of an
 * idle JVM may be reported leaked. Lifecycle: started by the constructor, stopped by {@link
 * #close()}; loaders still tracked then keep their state. Thread-safe.
 */
public final class LoaderTracker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LoaderTracker.class);
  private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();
  static final int GC_ATTEMPTS = 3;
  private static final long GC_WAIT_MILLIS = 200;
  private static final long MAX_WAIT_MILLIS = 1_000;
  private static final int HISTORY = 256;

  private final Duration leakTimeout;
  private final LongSupplier nanoTime;
  private final ReferenceQueue<ClassLoader> queue = new ReferenceQueue<>();
  private final Set<LoaderReference> uncollected = ConcurrentHashMap.newKeySet();
  private final Deque<TrackedLoader> history = new ArrayDeque<>();
  private final Thread thread;
  private volatile boolean closed;

  /**
   * A tracker that declares a loader leaked when it is not collected {@code leakTimeout} after
   * {@link #track}; starts its thread.
   */
  public LoaderTracker(Duration leakTimeout) {
    this(leakTimeout, System::nanoTime);
  }

  /**
   * A tracker reading time from {@code nanoTime} (a {@link System#nanoTime()}-like source).
   *
   * @param leakTimeout how long after {@link #track} a loader may take to be collected
   * @param nanoTime the time source, in nanoseconds
   */
  public LoaderTracker(Duration leakTimeout, LongSupplier nanoTime) {
    if (leakTimeout.isNegative()) {
      throw new IllegalArgumentException("Negative leak timeout: " + leakTimeout);
    }
    this.leakTimeout = leakTimeout;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.thread =
        new Thread(this::run, "hotswap-loader-tracker-" + THREAD_NUMBERS.incrementAndGet());
    thread.setDaemon(true);
    // Never inherit the creator's context loader: it may be a generation loader.
    thread.setContextClassLoader(LoaderTracker.class.getClassLoader());
    thread.start();
  }

  /**
   * Starts watching {@code loader}, which the caller is about to drop.
   *
   * @param label how logs name it, e.g. {@code gen-7}
   * @throws IllegalStateException when the tracker is closed
   */
  public TrackedLoader track(String label, ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    if (closed) {
      throw new IllegalStateException("LoaderTracker is closed");
    }
    long now = nanoTime.getAsLong();
    TrackedLoader tracked = new TrackedLoader(label, now);
    uncollected.add(new LoaderReference(loader, queue, tracked, now, now + leakTimeout.toNanos()));
    synchronized (history) {
      history.addLast(tracked);
      prune();
    }
    LOG.debug("Tracking {} until collected (leak timeout {})", label, leakTimeout);
    return tracked;
  }

  /** The loaders not yet collected and the most recently collected ones, oldest first. */
  public List<TrackedLoader> tracked() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }

  /** Stops the tracker thread; tracked loaders keep their current state. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }

  private void run() {
    try {
      while (!closed) {
        Reference<? extends ClassLoader> ref = queue.remove(waitMillis());
        if (ref != null) {
          collected(ref);
          drainQueue();
        }
        expireDue();
      }
    } catch (InterruptedException e) {
      if (!closed) {
        LOG.warn("Loader tracker interrupted; it stops watching loaders");
      }
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("Loader tracker failed; it stops watching loaders", e);
    }
  }

  private long waitMillis() {
    long now = nanoTime.getAsLong();
    long wait = Math.min(MAX_WAIT_MILLIS, Math.max(10, leakTimeout.toMillis() / 4));
    for (LoaderReference ref : uncollected) {
      if (ref.tracked.state() == LoaderFate.TRACKED) {
        wait = Math.min(wait, TimeUnit.NANOSECONDS.toMillis(ref.deadlineNanos - now) + 1);
      }
    }
    return Math.max(1, wait);
  }

  private void expireDue() throws InterruptedException {
    if (dueReferences().isEmpty()) {
      return;
    }
    for (int attempt = 1; attempt <= GC_ATTEMPTS; attempt++) {
      System.gc();
      Reference<? extends ClassLoader> ref = queue.remove(GC_WAIT_MILLIS);
      if (ref != null) {
        collected(ref);
        drainQueue();
      }
      if (dueReferences().isEmpty()) {
        return;
      }
    }
    for (LoaderReference ref : dueReferences()) {
      if (ref.tracked.leaked()) {
        LOG.warn(
            "{}: class loader not collected {} ms after retirement and {} forced GCs: something"
                + " still references it or one of its classes (a thread, a ThreadLocal, a static"
                + " field of a host class?); take a heap dump to find the path",
            ref.tracked.label(),
            TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - ref.trackedAtNanos()),
            GC_ATTEMPTS);
      }
    }
  }

  private List<LoaderReference> dueReferences() {
    long now = nanoTime.getAsLong();
    List<LoaderReference> due = new ArrayList<>();
    for (LoaderReference ref : uncollected) {
      if (ref.tracked.state() == LoaderFate.TRACKED && now - ref.deadlineNanos >= 0) {
        due.add(ref);
      }
    }
    return due;
  }

  private void drainQueue() {
    for (Reference<? extends ClassLoader> ref = queue.poll(); ref != null; ref = queue.poll()) {
      collected(ref);
    }
  }

  private void collected(Reference<? extends ClassLoader> reference) {
    LoaderReference ref = (LoaderReference) reference;
    uncollected.remove(ref);
    boolean wasLeaked = ref.tracked.state() == LoaderFate.LEAKED;
    ref.tracked.collected(nanoTime.getAsLong());
    if (wasLeaked) {
      LOG.info(
          "{}: class loader reported leaked was collected after all, {} ms after retirement",
          ref.tracked.label(),
          ref.tracked.timeToCollection().toMillis());
    } else {
      LOG.debug(
          "{}: class loader collected {} ms after retirement",
          ref.tracked.label(),
          ref.tracked.timeToCollection().toMillis());
    }
    synchronized (history) {
      prune();
    }
  }

  /** Drops the oldest collected entries beyond {@value #HISTORY}. Caller holds the history lock. */
  private void prune() {
    int excess = history.size() - HISTORY;
    for (Iterator<TrackedLoader> it = history.iterator(); excess > 0 && it.hasNext(); ) {
      if (it.next().state() == LoaderFate.COLLECTED) {
        it.remove();
        excess--;
      }
    }
  }

  /** The phantom reference to one loader; it holds the loader's record, never the loader. */
  private static final class LoaderReference extends PhantomReference<ClassLoader> {
    private final TrackedLoader tracked;
    private final long deadlineNanos;
    private final long trackedAtNanos;

    LoaderReference(
        ClassLoader loader,
        ReferenceQueue<ClassLoader> queue,
        TrackedLoader tracked,
        long trackedAtNanos,
        long deadlineNanos) {
      super(loader, queue);
      this.tracked = tracked;
      this.trackedAtNanos = trackedAtNanos;
      this.deadlineNanos = deadlineNanos;
    }

    long trackedAtNanos() {
      return trackedAtNanos;
    }
  }
}
