package io.hotswap.internal.generation;

import io.hotswap.loader.Snapshot;
import io.vertx.core.Future;

/**
 * The LOADING work of a reload on the supervisor's blocking thread: the {@link CodeLoader} defines
 * the snapshot's classes there, and reports the classes it shadows once the generation started.
 *
 * <p>Thread-safe: the loader's work runs on the one blocking thread.
 */
final class CodeLoading implements ReloadPhases.Load {
  private final CodeLoader loader;
  private final BlockingWork blocking;

  CodeLoading(CodeLoader loader, BlockingWork blocking) {
    this.loader = loader;
    this.blocking = blocking;
  }

  @Override
  public Future<LoadedCode> load(Generation generation, Snapshot snapshot) {
    return blocking.submit(() -> loader.load(generation.id(), snapshot));
  }

  @Override
  public void started(Generation generation, LoadedCode code) {
    loader.reportShadowsLater(blocking, generation.id(), code);
  }
}
