package io.hotswap.loader.cleanup;

import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Detaches a retired generation's code from {@code java.util.logging}: handlers and filters of its
 * classes on any registered logger (which the {@link LogManager} keeps for the life of the JVM) are
 * removed and handlers closed, and a level of its classes set on a logger is reset to inherit.
 * Custom {@link java.util.logging.Level} subclasses themselves are kept weakly by the JDK since 9
 * and need nothing. Public API only. Thread-safe.
 */
final class LoggingCleaner implements LeakPattern {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(LoggingCleaner.class);

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    for (Logger logger : loggers()) {
      String name = "'" + logger.getName() + "'";
      for (Handler handler : logger.getHandlers()) {
        if (code.owns(handler)) {
          logger.removeHandler(handler);
          close(code, handler);
          report.released("log handler " + handler.getClass().getName() + " of logger " + name);
        }
      }
      if (code.owns(logger.getFilter())) {
        logger.setFilter(null);
        report.released("log filter of logger " + name);
      }
      if (code.owns(logger.getLevel())) {
        logger.setLevel(null);
        report.released("log level of logger " + name);
      }
    }
  }

  @Override
  public void findHolders(RetiredCode code, List<String> holders) {
    for (Logger logger : loggers()) {
      for (Handler handler : logger.getHandlers()) {
        if (code.owns(handler)) {
          holders.add(
              "log handler "
                  + handler.getClass().getName()
                  + " on logger '"
                  + logger.getName()
                  + "'");
        }
      }
      if (code.owns(logger.getFilter()) || code.owns(logger.getLevel())) {
        holders.add("filter or level of logger '" + logger.getName() + "'");
      }
    }
  }

  private static List<Logger> loggers() {
    LogManager manager = LogManager.getLogManager();
    return Collections.list(manager.getLoggerNames()).stream()
        .map(manager::getLogger)
        .filter(logger -> logger != null)
        .toList();
  }

  private static void close(RetiredCode code, Handler handler) {
    try {
      handler.close();
    } catch (RuntimeException e) {
      LOG.debug("{}: closing its log handler failed: {}", code.label(), e.toString());
    }
  }
}
