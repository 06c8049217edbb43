package io.hotswap.loader;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generation's lease on the files of its snapshot (see {@link SnapshotFileStore}): turns a
 * resource name into a {@code file:} URL of a read-only copy of the snapshot's bytes. Holds the
 * snapshot, never a classloader, so a URL or a lease the host keeps never pins a generation.
 *
 * <p>Lifecycle: from {@link SnapshotFileStore#lease(Snapshot)} until {@link #close()}, which the
 * host calls when the generation retires or fails. Thread-safe.
 */
public final class SnapshotFiles implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);

  private final SnapshotFilesDirectory directory;
  private final Consumer<SnapshotFilesDirectory> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  SnapshotFiles(SnapshotFilesDirectory directory, Consumer<SnapshotFilesDirectory> onClose) {
    this.directory = directory;
    this.onClose = onClose;
  }

  /** The snapshot whose files these are. */
  public Snapshot snapshot() {
    return directory.snapshot();
  }

  /** The directory the snapshot is materialized in. */
  public Path root() {
    return directory.path();
  }

  /** The URL of the root directory, the code source location of the generation's classes. */
  public URL rootUrl() {
    return toUrl(directory.path());
  }

  /**
   * The {@code file:} URL of entry {@code name} (written on first use), or of directory {@code
   * name} when the snapshot has entries under it (its subtree is written); empty when it has
   * neither, or when the file cannot be written (logged).
   */
  public Optional<URL> url(String name) {
    try {
      return directory.materialize(name).map(SnapshotFiles::toUrl);
    } catch (IOException e) {
      LOG.warn(
          "cannot write resource {} of snapshot {} under {}",
          name,
          snapshot().id().shortId(),
          directory.path(),
          e);
      return Optional.empty();
    }
  }

  /** Releases the lease; the directory is deleted when no lease on the snapshot is left. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.accept(directory);
    }
  }

  private static URL toUrl(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException("a file path always makes a URL: " + path, e);
    }
  }
}
