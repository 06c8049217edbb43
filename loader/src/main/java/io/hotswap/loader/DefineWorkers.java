package io.hotswap.loader;

import java.lang.management.ManagementFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * The threads that help {@link GenerationClassLoader#defineAll(java.util.Collection,
 * DefineWorkers)} define and link a snapshot's classes: a small bounded pool of daemon threads
 * named {@code hotswap-define-<n>}, beside the thread that calls {@code defineAll}, which always
 * takes part.
 *
 * <p>Design notes:
 *
 * <ul>
 *   <li>Size: {@link #forMachine()} has one thread fewer than the machine has processors, at most
 *       {@value #MAX_THREADS}, so that with the caller a define never uses more threads than there
 *       are processors; on one processor it has none and the define runs on the caller alone.
 *   <li>Spare cores only: {@link #forMachine()} uses a thread only for a core the machine has to
 *       spare, judged at each define from the system load average: {@code round(processors - load)
 *       - 1} threads (the caller takes one core). On a machine whose cores are all busy (event
 *       loops serving, other processes) the define runs on the caller alone: a second thread there
 *       would take the CPU from requests, and would make the define wait for it whenever the
 *       scheduler sets it aside (measured at a load average of 8–12 on 2 cores: no faster). A
 *       container sees its host's load average, so the check errs towards one thread.
 *   <li>Lifecycle: threads start on demand and end after {@value #KEEP_ALIVE_SECONDS} s idle, so an
 *       idle host keeps none and nothing needs closing. They hold no reference to a loader between
 *       defines: a retired generation's loader stays collectable.
 *   <li>Leaks: a thread is created without inheriting the creator's inheritable thread locals, with
 *       the loader module's classloader as its context classloader, never a generation's.
 *   <li>Priority: {@link Thread#MIN_PRIORITY}. On Linux HotSpot ignores Java priorities unless the
 *       JVM runs with {@code -XX:ThreadPriorityPolicy=1}; then the threads run at nice 4 (lowering
 *       needs no privilege), so that they yield to the event loops when both want a core.
 *   <li>Busy: a define whose helpers find every thread busy (another loader defining) does not wait
 *       for them; the caller defines what they did not take.
 * </ul>
 *
 * <p>Thread-safe; one instance can serve any number of loaders, at once or in turn.
 */
public final class DefineWorkers {
  /** The most threads a pool for this machine has, however many processors it has. */
  public static final int MAX_THREADS = 3;

  /**
   * The fewest classes worth a thread of their own by default: below twice this a define runs on
   * the caller alone, as a thread saves it too little (measured: under 0.5 ms at 100 classes; see
   * {@code benchmarks/RESULTS.md}, "Reload path").
   */
  public static final int DEFAULT_CLASSES_PER_THREAD = 128;

  private static final int KEEP_ALIVE_SECONDS = 10;
  private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();
  private static final DefineWorkers NONE = new DefineWorkers(0, DEFAULT_CLASSES_PER_THREAD);

  private final int threads;
  private final int classesPerThread;
  private final DoubleSupplier loadAverage;
  private final int processors;
  private final ThreadPoolExecutor executor;

  private DefineWorkers(int threads, int classesPerThread) {
    this(threads, classesPerThread, null, 0);
  }

  /**
   * Workers that use a thread only for a spare core, {@code loadAverage} telling how busy the
   * machine is (negative: unknown, every thread is used); null {@code loadAverage}: always.
   */
  DefineWorkers(int threads, int classesPerThread, DoubleSupplier loadAverage, int processors) {
    this.threads = threads;
    this.classesPerThread = classesPerThread;
    this.loadAverage = loadAverage;
    this.processors = processors;
    if (threads == 0) {
      this.executor = null;
      return;
    }
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            DefineWorkers::newThread);
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * Workers for this machine: {@code availableProcessors() - 1} threads, at most {@value
   * #MAX_THREADS}, none on one processor, each used only for a define of {@value
   * #DEFAULT_CLASSES_PER_THREAD} classes or more per thread and a core the machine has to spare
   * (see the class notes).
   */
  public static DefineWorkers forMachine() {
    int processors = Runtime.getRuntime().availableProcessors();
    int threads = Math.min(MAX_THREADS, processors - 1);
    if (threads <= 0) {
      return NONE;
    }
    return new DefineWorkers(
        threads,
        DEFAULT_CLASSES_PER_THREAD,
        ManagementFactory.getOperatingSystemMXBean()::getSystemLoadAverage,
        processors);
  }

  /**
   * Exactly {@code threads} worker threads ({@code 0}: the caller defines alone).
   *
   * @throws IllegalArgumentException when {@code threads} is negative
   */
  public static DefineWorkers of(int threads) {
    return of(threads, DEFAULT_CLASSES_PER_THREAD);
  }

  /**
   * Exactly {@code threads} worker threads, each used only when the define has {@code
   * classesPerThread} classes for it and for the caller: a define of {@code n} classes uses {@code
   * min(threads, n / classesPerThread - 1)} of them.
   *
   * @throws IllegalArgumentException when {@code threads} is negative or {@code classesPerThread}
   *     is not positive
   */
  public static DefineWorkers of(int threads, int classesPerThread) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0: " + threads);
    }
    if (classesPerThread < 1) {
      throw new IllegalArgumentException("classesPerThread must be >= 1: " + classesPerThread);
    }
    return threads == 0 ? NONE : new DefineWorkers(threads, classesPerThread);
  }

  /** No worker threads: every define runs on its caller alone. */
  public static DefineWorkers none() {
    return NONE;
  }

  /** How many threads help the caller, at most. */
  public int threads() {
    return threads;
  }

  /** How many of the threads a define of {@code classes} classes uses now. */
  int helpersFor(int classes) {
    int worth = Math.min(threads, classes / classesPerThread - 1);
    if (worth <= 0) {
      return 0;
    }
    return Math.max(0, Math.min(worth, spareThreads()));
  }

  /** Threads for the cores the machine has to spare beside the caller's. */
  private int spareThreads() {
    if (loadAverage == null) {
      return threads;
    }
    double load = loadAverage.getAsDouble();
    if (load < 0) {
      return threads; // not known on this platform
    }
    return (int) Math.round(processors - load) - 1;
  }

  /** Runs {@code task} on a worker thread; false when it cannot (no threads). */
  boolean offer(Runnable task) {
    if (executor == null) {
      return false;
    }
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Takes {@code task} out of the queue if no thread took it yet. */
  void withdraw(Runnable task) {
    if (executor != null) {
      executor.remove(task);
    }
  }

  private static Thread newThread(Runnable task) {
    Thread thread =
        new Thread(null, task, "hotswap-define-" + THREAD_NUMBERS.incrementAndGet(), 0, false);
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.setContextClassLoader(DefineWorkers.class.getClassLoader());
    return thread;
  }

  @Override
  public String toString() {
    return "DefineWorkers["
        + threads
        + " threads, "
        + classesPerThread
        + " classes per thread"
        + (loadAverage == null ? "" : ", spare cores only")
        + "]";
  }
}
