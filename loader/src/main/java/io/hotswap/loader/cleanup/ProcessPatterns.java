package io.hotswap.loader.cleanup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The process-level leak patterns of a retired generation, those that need only the JDK, and the
 * order they run in around the patterns of host libraries: first the threads its code started,
 * shutdown hooks, {@code ThreadLocal} values, JDBC drivers, MBeans, security providers, {@code
 * java.util.logging} and JDK caches; then the host libraries' patterns; last the context
 * classloaders of host threads (after the generation's own threads are stopped, so the threads it
 * resets are host threads).
 *
 * <p>Immutable and thread-safe; the patterns it hands out are shared and thread-safe.
 */
public final class ProcessPatterns {
  private final List<LeakPattern> first;
  private final LeakPattern last;

  /**
   * The patterns with the JDK access this JVM's flags allow (see {@code docs/cleanup.md}),
   * resetting context classloaders to {@code hostLoader} and waiting at most {@code
   * threadStopBound} for the threads they stop.
   */
  public ProcessPatterns(ClassLoader hostLoader, Duration threadStopBound) {
    this(JdkAccess.platform(), hostLoader, threadStopBound);
  }

  ProcessPatterns(JdkAccess access, ClassLoader hostLoader, Duration threadStopBound) {
    Threads threads = new Threads(access);
    this.first =
        List.of(
            new OwnedThreads(access, threads, threadStopBound),
            new ShutdownHookCleaner(access, threads),
            new ThreadLocalCleaner(access),
            new JdbcDriverCleaner(),
            new MBeanCleaner(),
            new SecurityProviderCleaner(),
            new LoggingCleaner(),
            new JdkCacheFlusher(access));
    this.last = new ContextClassLoaderSweeper(hostLoader);
  }

  /**
   * Every pattern in the order a cleanup runs them: the process-level ones, then {@code
   * hostLibraries} in their order, then the context classloader sweep.
   */
  public List<LeakPattern> around(List<LeakPattern> hostLibraries) {
    List<LeakPattern> all = new ArrayList<>(first);
    all.addAll(hostLibraries);
    all.add(last);
    return List.copyOf(all);
  }
}
