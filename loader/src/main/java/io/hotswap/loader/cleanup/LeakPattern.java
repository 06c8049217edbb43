package io.hotswap.loader.cleanup;

import java.util.List;

/**
 * One well-known way a retired generation's code can stay reachable from the host (a thread, a
 * ThreadLocal, a registration in a JDK registry, a cache), with how to release it and how to name
 * it when it still holds the loader. The process-level patterns are in this package ({@link
 * ProcessPatterns}); patterns of host libraries (Vert.x, Jackson) implement it outside the loader.
 *
 * <p>Implementations are stateless apart from warn-once flags, and thread-safe.
 */
public interface LeakPattern {

  /** Releases what of this pattern {@code code} left behind; records what it could not release. */
  void clean(RetiredCode code, CleanupReport report);

  /**
   * Adds to {@code holders} a description of each thing of this pattern that references {@code
   * code} now, without changing anything; used when the loader was not collected.
   */
  default void findHolders(RetiredCode code, List<String> holders) {}
}
