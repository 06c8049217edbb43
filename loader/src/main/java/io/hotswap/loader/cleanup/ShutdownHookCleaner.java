package io.hotswap.loader.cleanup;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes shutdown hooks a retired generation registered: a hook whose class or Runnable is its
 * code, or that was created while its code ran (the hook's context classloader is the retired
 * loader). Listing the hooks reads {@code java.lang.ApplicationShutdownHooks.hooks}, which needs
 * {@code --add-opens java.base/java.lang}; without it, one WARN and nothing is removed. Removal
 * itself is {@link Runtime#removeShutdownHook}. Thread-safe.
 */
final class ShutdownHookCleaner implements LeakPattern {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownHookCleaner.class);
  private static final String SKIPPED = "shutdown hooks";

  private final Threads threads;
  private final Class<?> hooksType;
  private final Optional<Field> hooks;

  ShutdownHookCleaner(JdkAccess access, Threads threads) {
    this.threads = threads;
    Class<?> type;
    try {
      type = Class.forName("java.lang.ApplicationShutdownHooks");
    } catch (ClassNotFoundException e) {
      type = null;
    }
    this.hooksType = type;
    this.hooks = type == null ? Optional.empty() : access.field(type, "hooks", SKIPPED);
  }

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    for (Thread hook : owned(code)) {
      String what = "shutdown hook '" + hook.getName() + "'";
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        report.released(what);
        LOG.info("{}: removed its {}", code.label(), what);
      } catch (IllegalStateException shuttingDown) {
        report.remaining(what + " (the JVM is shutting down)");
      }
    }
  }

  @Override
  public void findHolders(RetiredCode code, List<String> holders) {
    owned(code).forEach(hook -> holders.add("shutdown hook '" + hook.getName() + "'"));
  }

  private List<Thread> owned(RetiredCode code) {
    List<Thread> owned = new ArrayList<>();
    if (hooks.isEmpty()) {
      return owned;
    }
    List<Thread> registered;
    synchronized (hooksType) {
      Map<?, ?> map = (Map<?, ?>) JdkAccess.read(hooks.get(), null);
      // null once the JVM runs its hooks
      registered = map == null ? List.of() : new ArrayList<>(castKeys(map));
    }
    for (Thread hook : registered) {
      if (code.owns(hook.getClass())
          || code.owns(threads.target(hook))
          || hook.getContextClassLoader() == code.loader()) {
        owned.add(hook);
      }
    }
    return owned;
  }

  private static List<Thread> castKeys(Map<?, ?> map) {
    List<Thread> keys = new ArrayList<>();
    map.keySet().forEach(key -> keys.add((Thread) key));
    return keys;
  }
}
