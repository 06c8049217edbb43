package io.hotswap.internal;

/**
 * The Vert.x line this build of hotswap was compiled for: {@value #LINE}. This copy is in {@code
 * src/main/vertx-5.0}; its twin in {@code src/main/vertx-5.1} says {@code "5.1"}. A build runs only
 * on its own line ({@link VertxVersionCheck}): the classes of {@code src/main/vertx-<line>}
 * implement Vert.x interfaces whose signatures differ between lines.
 *
 * <p>Thread-safety: constants only.
 */
final class CompiledVertxLine {

  /** The {@code major.minor} of the Vert.x this build was compiled against. */
  static final String LINE = "5.0";

  private CompiledVertxLine() {}
}
