package io.hotswap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node logs of {@link ClusterNodes} under {@code target/cluster-logs/} when a test fails
 * (and logs where they are) and deletes them when it passes. Register it on a test class with
 * {@code @ExtendWith(KeepLogsOnFailure.class)}.
 *
 * <p>Thread-safe: the pending log directories are guarded by the class lock.
 */
public final class KeepLogsOnFailure implements TestWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(KeepLogsOnFailure.class);
  private static final List<Path> PENDING = new ArrayList<>();

  static synchronized void register(Path logDir) {
    PENDING.add(logDir);
  }

  private static synchronized List<Path> drain() {
    List<Path> dirs = List.copyOf(PENDING);
    PENDING.clear();
    return dirs;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    for (Path dir : drain()) {
      LOG.warn("{} failed; node logs kept in {}", context.getDisplayName(), dir.toAbsolutePath());
    }
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    drain().forEach(KeepLogsOnFailure::delete);
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    drain().forEach(KeepLogsOnFailure::delete);
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    drain().forEach(KeepLogsOnFailure::delete);
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
