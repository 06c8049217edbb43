package io.hotswap.internal.generation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets every live thread whose context classloader is a retired generation's loader. Threads that
 * Vert.x and Netty create lazily inherit the context classloader of the code that caused them; if
 * generation code caused one, the thread would pin that generation's loader for life.
 *
 * <p>Thread-safe; a sweep walks the thread list once.
 */
final class ContextClassLoaderSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(ContextClassLoaderSweeper.class);

  private ContextClassLoaderSweeper() {}

  /**
   * Replaces {@code retired} with {@code replacement} as context classloader of every live platform
   * thread.
   *
   * @return how many threads were reset
   */
  static int sweep(String label, ClassLoader retired, ClassLoader replacement) {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() * 2 + 16];
    int count = root.enumerate(threads, true);
    int reset = 0;
    for (int i = 0; i < count; i++) {
      Thread thread = threads[i];
      if (thread.getContextClassLoader() == retired) {
        thread.setContextClassLoader(replacement);
        reset++;
        LOG.info("{}: reset the context classloader of thread '{}'", label, thread.getName());
      }
    }
    return reset;
  }
}
