package io.hotswap.loader;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the entry points of a snapshot: the classes annotated with one annotation.
 *
 * <p>A build-time list, the snapshot resource {@value #ENTRY_POINTS} (one binary class name per
 * line, {@code #} comments and blank lines ignored), is used as is when present: reading it costs
 * well under a millisecond where a scan costs 10–150 ms. Otherwise classgraph scans the snapshot
 * alone, written to a temporary jar, for classes carrying the annotation with class or runtime
 * retention. Results are cached by {@link SnapshotId} (the 32 most recent). Thread-safe.
 */
public final class EntryPointScanner {

  /** The snapshot resource holding a build-time list of entry points. */
  public static final String ENTRY_POINTS = "META-INF/hotswap/entry-points";

  private static final Logger LOG = LoggerFactory.getLogger(EntryPointScanner.class);
  private static final int CACHE_SIZE = 32;

  private final String annotationClassName;
  private final Cache<SnapshotId, List<String>> cache =
      // Maintained on the calling thread: a pool thread the reload thread started would inherit
      // its lower CPU priority.
      Caffeine.newBuilder().maximumSize(CACHE_SIZE).executor(Runnable::run).build();
  private final AtomicInteger scans = new AtomicInteger();

  /**
   * A scanner for classes annotated with {@code annotationClassName}.
   *
   * @param annotationClassName the binary name of the annotation, e.g. {@code
   *     io.hotswap.api.Reloadable}
   */
  public EntryPointScanner(String annotationClassName) {
    this.annotationClassName = Objects.requireNonNull(annotationClassName, "annotationClassName");
  }

  /**
   * The binary names of the entry points of {@code snapshot}: the build-time list in its order
   * (duplicates dropped) when present, else the annotated classes found by a scan, sorted.
   *
   * @throws IOException when the temporary jar for the scan cannot be written
   */
  public List<String> scan(Snapshot snapshot) throws IOException {
    try {
      return cache.get(snapshot.id(), id -> scanUncached(snapshot));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** How many classgraph scans ran, for tests of the cache and of the build-time list. */
  int classpathScans() {
    return scans.get();
  }

  private List<String> scanUncached(Snapshot snapshot) {
    Optional<List<String>> listed = snapshot.resource(ENTRY_POINTS).map(EntryPointScanner::parse);
    if (listed.isPresent()) {
      LOG.debug(
          "Snapshot {}: {} entry points from {}", snapshot.id(), listed.get().size(), ENTRY_POINTS);
      return listed.get();
    }
    try {
      return classgraphScan(snapshot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> classgraphScan(Snapshot snapshot) throws IOException {
    scans.incrementAndGet();
    long started = System.nanoTime();
    Path jar = Files.createTempFile("hotswap-scan-" + snapshot.id().shortId() + "-", ".jar");
    try {
      snapshot.writeJar(jar);
      try (ScanResult result =
          new ClassGraph()
              .overrideClasspath(jar.toString())
              .enableClassInfo()
              .enableAnnotationInfo()
              .ignoreClassVisibility()
              .scan()) {
        List<String> names =
            new ArrayList<>(result.getClassesWithAnnotation(annotationClassName).getNames());
        names.sort(null);
        LOG.debug(
            "Snapshot {}: {} entry points annotated {} found by a scan in {} ms",
            snapshot.id(),
            names.size(),
            annotationClassName,
            (System.nanoTime() - started) / 1_000_000);
        return List.copyOf(names);
      }
    } finally {
      Files.deleteIfExists(jar);
    }
  }

  static List<String> parse(ByteBuffer content) {
    String text = StandardCharsets.UTF_8.decode(content).toString();
    Set<String> names = new LinkedHashSet<>();
    for (String line : text.split("\\R")) {
      int comment = line.indexOf('#');
      String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }
}
