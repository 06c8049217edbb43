package io.hotswap.internal.compat;

import io.hotswap.internal.generation.GenerationFiles;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.impl.FileSystemImpl;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.VertxWrapper;
import io.vertx.core.spi.file.FileResolver;

/**
 * The part of the compat facade that concerns files: the host's instance, except that classpath
 * files resolve against the generation's own snapshot with a file cache of its own ({@link
 * GenerationFiles}). Vert.x's resolver caches classpath files by relative name, once per Vert.x
 * instance; through the host's, a {@code StaticHandler} of version 2 would keep serving the bytes
 * version 1 read first. The compat facade ({@link GenerationVertx}) builds on it; binding-API code
 * keeps the host's instance (its {@code sendFile} still resolves against its generation).
 *
 * <p>One per generation instance. Thread-safe as the host instance is.
 */
class GenerationFilesVertx extends VertxWrapper {
  private final GenerationFiles files;
  private volatile FileSystem fileSystem;

  GenerationFilesVertx(VertxInternal host, GenerationFiles files) {
    super(host);
    this.files = files;
  }

  /** The generation's own resolver: classpath files come from its snapshot, cached apart. */
  @Override
  public FileResolver fileResolver() {
    return files.resolver();
  }

  /**
   * A file system over {@link #fileResolver()}; relative names resolve as the generation sees them.
   */
  @Override
  public FileSystem fileSystem() {
    FileSystem fs = fileSystem;
    if (fs == null) {
      fs = new FileSystemImpl(this);
      fileSystem = fs;
    }
    return fs;
  }
}
