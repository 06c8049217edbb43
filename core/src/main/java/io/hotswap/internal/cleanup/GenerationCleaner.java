package io.hotswap.internal.cleanup;

import io.hotswap.loader.cleanup.CleanupReport;
import io.hotswap.loader.cleanup.HolderSearch;
import io.hotswap.loader.cleanup.LeakPattern;
import io.hotswap.loader.cleanup.ProcessPatterns;
import io.hotswap.loader.cleanup.RetiredCode;
import io.vertx.core.Vertx;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases what a retired generation's code left in the process after its undeploy, one {@link
 * LeakPattern} at a time: the loader's process-level patterns ({@link ProcessPatterns}: threads and
 * {@code java.util.Timer}s it started, shutdown hooks, {@code ThreadLocal} values on host threads,
 * JDBC drivers, MBeans, security providers, {@code java.util.logging} handlers, JDK caches), then
 * the host libraries' ones here (Jackson caches, event-bus codecs and shared-data entries of the
 * host Vert.x), and last the loader's sweep of host threads' context classloaders. When its loader
 * is nevertheless not collected, {@link #findHolders} names what still references it.
 *
 * <p>Lifecycle: one per supervisor. {@link #clean} blocks (it joins stopped threads, bounded by the
 * thread-stop bound): call it off the event loops. Thread-safe.
 */
public final class GenerationCleaner implements HolderSearch {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationCleaner.class);

  private final List<LeakPattern> patterns;

  /**
   * A cleaner resetting context classloaders to {@code hostLoader} and waiting at most {@code
   * threadStopBound} for the threads it stops.
   */
  public GenerationCleaner(ClassLoader hostLoader, Duration threadStopBound) {
    this(new ProcessPatterns(hostLoader, threadStopBound), null);
  }

  /**
   * A cleaner that also releases what the generation left in the host Vert.x {@code host}: its
   * event-bus codecs and its objects in shared-data local maps.
   */
  public GenerationCleaner(ClassLoader hostLoader, Duration threadStopBound, Vertx host) {
    this(new ProcessPatterns(hostLoader, threadStopBound), host);
  }

  private GenerationCleaner(ProcessPatterns process, Vertx host) {
    List<LeakPattern> hostLibraries = new ArrayList<>();
    hostLibraries.add(new JacksonCacheFlusher());
    if (host != null) {
      hostLibraries.addAll(
          List.of(
              new EventBusCodecCleaner(host),
              new LocalMapCleaner(host),
              new GenerationScopedMaps(host)));
    }
    this.patterns = process.around(hostLibraries);
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
  @Override
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
