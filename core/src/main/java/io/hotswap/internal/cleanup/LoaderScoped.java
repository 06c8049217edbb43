package io.hotswap.internal.cleanup;

/**
 * A host object that serves several generations at once and keeps per-generation parts (objects of
 * their classes), such as the event-bus codec that one codec name of every generation shares. The
 * cleanup asks it to drop the parts of a retired generation.
 *
 * <p>Implementations are thread-safe.
 */
public interface LoaderScoped {

  /**
   * Drops every part that belongs to {@code loader}'s generation.
   *
   * @return whether nothing is left, so the host object itself can be removed
   */
  boolean release(ClassLoader loader);

  /** Whether a part of {@code loader}'s generation is still held. */
  boolean holds(ClassLoader loader);
}
