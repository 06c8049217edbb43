package io.hotswap.loader.cleanup;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains a LEAKED verdict: names what still references a retired loader (through a {@link
 * HolderSearch}) and, when a directory is configured, writes a heap dump of live objects for what
 * cannot be named (a static field of a host class, an object graph). Holds the loader only through
 * the caller's {@link WeakReference}, and strongly only during a call.
 *
 * <p>Thread-safe. {@link #explain} blocks (a heap dump takes seconds): call it off the event loops.
 */
public final class LeakInspector {
  private static final Logger LOG = LoggerFactory.getLogger(LeakInspector.class);

  private final HolderSearch holders;
  private final Optional<Path> heapDumpDir;
  private final String applicationName;

  /** An inspector searching with {@code holders}, dumping into {@code heapDumpDir}. */
  public LeakInspector(HolderSearch holders, Optional<Path> heapDumpDir, String applicationName) {
    this.holders = holders;
    this.heapDumpDir = heapDumpDir;
    this.applicationName = applicationName;
  }

  /** The failure text of a LEAKED generation: what holds its loader, as far as it can be named. */
  public String explain(String label, WeakReference<ClassLoader> loader) {
    List<String> found = holders.findHolders(label, loader);
    StringBuilder text = new StringBuilder("its classloader is still reachable");
    if (found.isEmpty()) {
      text.append(
          "; no thread, ThreadLocal, shutdown hook, JDBC driver, MBean, security provider, log"
              + " handler, event-bus codec or shared-data entry of its code holds it: look for a static field of a host class or a host"
              + " object that keeps one of its objects");
    } else {
      text.append("; held by ").append(String.join("; ", found));
    }
    heapDumpDir
        .flatMap(dir -> dump(dir, label))
        .ifPresent(file -> text.append("; heap dump ").append(file));
    LOG.warn("{} LEAKED: {}", label, text);
    return text.toString();
  }

  private Optional<Path> dump(Path dir, String label) {
    Path file =
        dir.resolve(applicationName + "-" + label + "-" + ProcessHandle.current().pid() + ".hprof")
            .toAbsolutePath();
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(file);
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .dumpHeap(file.toString(), true);
      return Optional.of(file);
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: cannot write a heap dump to {}: {}", label, file, e.toString());
      return Optional.empty();
    }
  }
}
