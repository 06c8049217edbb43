package io.hotswap.internal.endpoint;

import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.file.FileResolver;
import java.io.File;

/**
 * Resolves the file name a generation passes to {@code sendFile} against that generation's own
 * Vert.x file resolver (its snapshot's classpath files), before the host's response sends it: the
 * host response would otherwise resolve it with the host's resolver, whose cache is shared by every
 * generation.
 *
 * <p>The generation puts its resolver on each instance's context under {@link #CONTEXT_KEY}.
 * Stateless and thread-safe.
 */
public final class GenerationFileResolution {
  /** The context data key of a generation's {@link FileResolver}. */
  public static final String CONTEXT_KEY = "io.hotswap.fileResolver";

  private GenerationFileResolution() {}

  /**
   * The absolute path of {@code filename} as the generation of {@code context} sees it: a file on
   * disk as it is, else the generation's classpath file; {@code filename} unchanged when the
   * context carries no resolver.
   */
  static String resolve(ContextInternal context, String filename) {
    Object resolver = context.get(CONTEXT_KEY);
    if (!(resolver instanceof FileResolver files)) {
      return filename;
    }
    File resolved = files.resolve(filename);
    return resolved.getAbsolutePath();
  }
}
