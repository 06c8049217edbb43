package io.hotswap.internal.generation;

import io.hotswap.loader.SnapshotFileStore;
import io.hotswap.loader.SnapshotFiles;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.file.impl.FileResolverImpl;
import io.vertx.core.spi.file.FileResolver;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one generation: its lease on the snapshot's materialized files (where its resource
 * URLs point) and a Vert.x file resolver of its own, so that classpath files (a {@code
 * StaticHandler}'s webroot, {@code sendFile}, templates) resolve against this generation's
 * snapshot. Vert.x caches classpath files on disk by their relative name; one cache shared by every
 * generation would keep serving the bytes of the first version that asked, so each generation has
 * its own cache directory, deleted when the generation is released.
 *
 * <p>Created on the supervisor's blocking thread while loading (so that the resolver's shutdown
 * hook thread inherits the host's context classloader), closed after the generation retired or
 * failed. Thread-safe.
 */
public final class GenerationFiles implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationFiles.class);

  private final long generation;
  private final SnapshotFiles snapshotFiles;
  private final FileResolverImpl resolver;

  private GenerationFiles(long generation, SnapshotFiles snapshotFiles, FileResolverImpl resolver) {
    this.generation = generation;
    this.snapshotFiles = snapshotFiles;
    this.resolver = resolver;
  }

  /** The files of generation {@code generation}, whose snapshot is leased as {@code files}. */
  static GenerationFiles of(long generation, SnapshotFiles files, SnapshotFileStore store) {
    Path cacheBase = store.root().resolve("vertx-cache-gen-" + generation);
    FileResolverImpl resolver =
        new FileResolverImpl(new FileSystemOptions().setFileCacheDir(cacheBase.toString()));
    return new GenerationFiles(generation, files, resolver);
  }

  /** The snapshot's materialized files. */
  SnapshotFiles snapshotFiles() {
    return snapshotFiles;
  }

  /** The generation's own Vert.x file resolver. */
  public FileResolver resolver() {
    return resolver;
  }

  /** Deletes the resolver's cache and releases the snapshot's files. Blocking. Idempotent. */
  @Override
  public void close() {
    try {
      resolver.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("gen-{}: cannot delete its file cache {}", generation, resolver.cacheDir(), e);
    }
    snapshotFiles.close();
  }
}
