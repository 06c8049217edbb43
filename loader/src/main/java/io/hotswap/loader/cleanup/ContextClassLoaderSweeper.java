package io.hotswap.loader.cleanup;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets every live thread whose context classloader is a retired generation's loader. Threads that
 * Vert.x and Netty create lazily inherit the context classloader of the code that caused them; if
 * generation code caused one, the thread would pin that generation's loader for life. Runs after
 * {@link OwnedThreads}, so the threads it resets are host threads.
 *
 * <p>Thread-safe; a sweep walks the thread list once.
 */
final class ContextClassLoaderSweeper implements LeakPattern {
  private static final Logger LOG = LoggerFactory.getLogger(ContextClassLoaderSweeper.class);

  private final ClassLoader replacement;

  /** A sweeper that sets {@code replacement} (the host's loader) where the retired one was. */
  ContextClassLoaderSweeper(ClassLoader replacement) {
    this.replacement = replacement;
  }

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    for (Thread thread : Threads.all()) {
      if (thread.getContextClassLoader() == code.loader()) {
        thread.setContextClassLoader(replacement);
        report.released("context classloader of thread '" + thread.getName() + "'");
        LOG.debug(
            "{}: reset the context classloader of thread '{}'", code.label(), thread.getName());
      }
    }
  }

  @Override
  public void findHolders(RetiredCode code, List<String> holders) {
    for (Thread thread : Threads.all()) {
      if (thread.getContextClassLoader() == code.loader()) {
        holders.add("thread '" + thread.getName() + "' has it as context classloader");
      }
    }
  }
}
