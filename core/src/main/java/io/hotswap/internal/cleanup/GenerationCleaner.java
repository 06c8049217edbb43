package io.hotswap.internal.cleanup;

import io.vertx.core.Vertx;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases what a retired generation's code left in the process after its undeploy, one {@link
 * LeakPattern} at a time: threads and {@code java.util.Timer}s it started, shutdown hooks, {@code
 * ThreadLocal} values on host threads, JDBC drivers, MBeans, security providers, {@code
 * java.util.logging} handlers, JDK and Jackson caches, event-bus codecs and shared-data entries of
 * the host Vert.x, and context classloaders of host threads. When its loader is nevertheless not
 * collected, {@link #findHolders} names what still references it.
 *
 * <p>Lifecycle: one per supervisor. {@link #clean} blocks (it joins stopped threads, bounded by the
 * thread-stop bound): call it off the event loops. Thread-safe.
 */
public final class GenerationCleaner {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationCleaner.class);

  private final List<LeakPattern> patterns;

  /**
   * A cleaner resetting context classloaders to {@code hostLoader} and waiting at most {@code
   * threadStopBound} for the threads it stops.
   */
  public GenerationCleaner(ClassLoader hostLoader, Duration threadStopBound) {
    this(JdkAccess.platform(), hostLoader, threadStopBound, null);
  }

  /**
   * A cleaner that also releases what the generation left in the host Vert.x {@code host}: its
   * event-bus codecs and its objects in shared-data local maps.
   */
  public GenerationCleaner(ClassLoader hostLoader, Duration threadStopBound, Vertx host) {
    this(JdkAccess.platform(), hostLoader, threadStopBound, host);
  }

  GenerationCleaner(JdkAccess access, ClassLoader hostLoader, Duration threadStopBound) {
    this(access, hostLoader, threadStopBound, null);
  }

  private GenerationCleaner(
      JdkAccess access, ClassLoader hostLoader, Duration threadStopBound, Vertx host) {
    Threads threads = new Threads(access);
    List<LeakPattern> vertxPatterns =
        host == null
            ? List.of()
            : List.of(
                new EventBusCodecCleaner(host),
                new LocalMapCleaner(host),
                new GenerationScopedMaps(host));
    List<LeakPattern> all = new ArrayList<>();
    all.addAll(
        List.of(
            new OwnedThreads(access, threads, threadStopBound),
            new ShutdownHookCleaner(access, threads),
            new ThreadLocalCleaner(access),
            new JdbcDriverCleaner(),
            new MBeanCleaner(),
            new SecurityProviderCleaner(),
            new LoggingCleaner(),
            new JdkCacheFlusher(access),
            new JacksonCacheFlusher()));
    all.addAll(vertxPatterns);
    all.add(new ContextClassLoaderSweeper(hostLoader));
    this.patterns = List.copyOf(all);
  }

  /**
   * Releases what the generation labelled {@code label} left behind; never throws (a failing
   * pattern is logged and recorded as remaining).
   */
  public CleanupReport clean(String label, ClassLoader loader) {
    RetiredCode code = new RetiredCode(label, loader);
    CleanupReport report = new CleanupReport(label);
    for (LeakPattern pattern : patterns) {
      try {
        pattern.clean(code, report);
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("{}: cleanup step {} failed", label, pattern.getClass().getSimpleName(), e);
        report.remaining(pattern.getClass().getSimpleName() + " failed: " + e);
      }
    }
    if (!report.released().isEmpty()) {
      LOG.info("{}: cleanup released {}", label, report.released());
    }
    if (!report.remaining().isEmpty()) {
      LOG.warn("{}: cleanup could not release {}", label, report.remaining());
    }
    return report;
  }

  /**
   * What references the loader of {@code loader} now, among the patterns above; empty when the
   * loader was collected meanwhile or none of them holds it (then a static field of a host class or
   * an object graph reachable from one does). Holds the loader strongly only during the call.
   */
  public List<String> findHolders(String label, WeakReference<ClassLoader> loader) {
    ClassLoader alive = loader.get();
    if (alive == null) {
      return List.of();
    }
    RetiredCode code = new RetiredCode(label, alive);
    List<String> holders = new ArrayList<>();
    for (LeakPattern pattern : patterns) {
      try {
        pattern.findHolders(code, holders);
      } catch (RuntimeException | LinkageError e) {
        LOG.debug("{}: holder search of {} failed", label, pattern.getClass().getSimpleName(), e);
      }
    }
    return holders.stream().distinct().toList();
  }
}
