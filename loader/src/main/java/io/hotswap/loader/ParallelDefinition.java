package io.hotswap.loader;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pass of a step over a list of class names, shared between the calling thread and the helpers
 * of a {@link DefineWorkers}, that records what the step threw for each name: the define-and-link
 * pass of {@link GenerationClassLoader#defineAll(java.util.Collection, DefineWorkers)}.
 *
 * <p>Design notes:
 *
 * <ul>
 *   <li>Work: the names are claimed in chunks of {@value #CHUNK}, in name order, from one counter,
 *       so a slow thread (descheduled on a busy machine) delays the pass by one chunk at most, and
 *       the caller takes whatever the helpers did not.
 *   <li>Dependency order: the step defines a class through {@code loadClass}, whose per-name lock
 *       makes a thread that needs a supertype another thread is defining wait for it; supertypes
 *       form no cycle, so these waits cannot deadlock.
 *   <li>Determinism: every name is stepped whatever fails, and the result is indexed by name, so
 *       the caller can pick the first failure in name order whichever thread saw it first. Only a
 *       {@link VirtualMachineError} stops the pass early.
 *   <li>Memory: the helpers' results are published through a latch each; a helper that never
 *       started (its pool busy elsewhere) is withdrawn and never touches the results. After {@link
 *       #run} returns no helper references the pass.
 * </ul>
 *
 * <p>Not thread-safe as an object: one instance per pass, run once by one caller.
 */
final class ParallelDefinition {
  /** Names a thread claims at a time. */
  static final int CHUNK = 16;

  /** What is done to each name: null when it succeeded, else what failed. */
  @FunctionalInterface
  interface Step {
    LinkageError apply(String name);
  }

  private final List<String> names;
  private final Step step;
  private final Throwable[] failures;
  private final AtomicInteger next = new AtomicInteger();
  private volatile VirtualMachineError fatal;
  private DefineWorkers workers;

  private ParallelDefinition(List<String> names, Step step) {
    this.names = names;
    this.step = step;
    this.failures = new Throwable[names.size()];
  }

  /**
   * Applies {@code step} to every name, on the caller and on up to {@code helpers} threads of
   * {@code workers}; returns what it threw or returned for each name (null where it succeeded), in
   * the order of {@code names}.
   *
   * @throws VirtualMachineError when the step threw one on any thread
   */
  static Throwable[] run(List<String> names, Step step, DefineWorkers workers, int helpers) {
    ParallelDefinition pass = new ParallelDefinition(names, step);
    pass.runWith(workers, helpers);
    return pass.failures;
  }

  private void runWith(DefineWorkers workers, int helpers) {
    this.workers = workers;
    Helper[] started = new Helper[helpers];
    int offered = 0;
    for (int i = 0; i < helpers; i++) {
      Helper helper = new Helper();
      if (!workers.offer(helper)) {
        break;
      }
      started[offered++] = helper;
    }
    drain();
    boolean interrupted = false;
    for (int i = 0; i < offered; i++) {
      interrupted |= started[i].withdrawOrAwait();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    VirtualMachineError error = fatal;
    if (error != null) {
      throw error;
    }
  }

  private void drain() {
    int size = names.size();
    int start;
    while (fatal == null && (start = next.getAndAdd(CHUNK)) < size) {
      int end = Math.min(size, start + CHUNK);
      for (int i = start; i < end; i++) {
        failures[i] = stepOne(names.get(i));
      }
    }
  }

  private Throwable stepOne(String name) {
    try {
      return step.apply(name);
    } catch (VirtualMachineError e) {
      fatal = e;
      return e;
    } catch (RuntimeException | Error e) {
      return e;
    }
  }

  /** One helper's share: drains until nothing is left, unless withdrawn before it started. */
  private final class Helper implements Runnable {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int WITHDRAWN = 2;

    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CountDownLatch done = new CountDownLatch(1);

    @Override
    public void run() {
      if (!state.compareAndSet(QUEUED, RUNNING)) {
        return;
      }
      try {
        drain();
      } finally {
        done.countDown();
      }
    }

    /** Withdraws a helper that has not started, else waits for it; true when interrupted. */
    boolean withdrawOrAwait() {
      if (state.compareAndSet(QUEUED, WITHDRAWN)) {
        workers.withdraw(this); // out of the queue now: it references the pass, so the loader
        return false;
      }
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          return interrupted;
        } catch (InterruptedException e) {
          interrupted = true; // the helper finishes its chunk soon: wait, then restore the flag
        }
      }
    }
  }
}
