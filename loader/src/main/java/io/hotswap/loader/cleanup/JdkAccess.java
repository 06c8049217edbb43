package io.hotswap.loader.cleanup;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that knows which JDK internals the cleanup reads and which {@code --add-opens} flag
 * opens each: {@value #FLAGS_TEXT}. Without a flag the cleaners that need it degrade: each logs one
 * WARN naming the missing flag (once per JVM and package), then skips that pattern, which the leak
 * report may later name as a holder.
 *
 * <p>Thread-safe.
 */
final class JdkAccess {
  private static final Logger LOG = LoggerFactory.getLogger(JdkAccess.class);

  /** Every flag the cleanup can use, as JVM options. */
  static final List<String> FLAGS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED");

  static final String FLAGS_TEXT =
      "--add-opens java.base/java.lang (threads' Runnables and ThreadLocals, shutdown hooks),"
          + " java.base/java.util (java.util.Timer threads), java.base/java.io (ObjectStreamClass"
          + " caches on JDKs that keep them in maps)";

  private static final JdkAccess PLATFORM =
      new JdkAccess(type -> type.getModule().isOpen(type.getPackageName(), module()));

  private final Predicate<Class<?>> open;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  JdkAccess(Predicate<Class<?>> open) {
    this.open = open;
  }

  /** Access as this JVM's flags allow. */
  static JdkAccess platform() {
    return PLATFORM;
  }

  private static Module module() {
    return JdkAccess.class.getModule();
  }

  /** Whether reflection into {@code type}'s package is open to hotswap. */
  boolean isOpen(Class<?> type) {
    return open.test(type);
  }

  /**
   * The named declared field of {@code type}, made accessible, or empty when its package is not
   * open (after one WARN naming the flag and what is skipped) or the field does not exist on this
   * JDK.
   */
  Optional<Field> field(Class<?> type, String name, String skipped) {
    if (!isOpen(type)) {
      warnClosed(type, skipped);
      return Optional.empty();
    }
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return Optional.of(field);
    } catch (NoSuchFieldException | InaccessibleObjectException | SecurityException e) {
      LOG.debug("{}.{} is not available on this JDK: {}", type.getName(), name, e.toString());
      return Optional.empty();
    }
  }

  /** The named declared method of {@code type}, made accessible, or empty as for {@link #field}. */
  Optional<Method> method(Class<?> type, String name, String skipped, Class<?>... parameters) {
    if (!isOpen(type)) {
      warnClosed(type, skipped);
      return Optional.empty();
    }
    try {
      Method method = type.getDeclaredMethod(name, parameters);
      method.setAccessible(true);
      return Optional.of(method);
    } catch (NoSuchMethodException | InaccessibleObjectException | SecurityException e) {
      LOG.debug("{}.{}() is not available on this JDK: {}", type.getName(), name, e.toString());
      return Optional.empty();
    }
  }

  /** Logs one WARN per package: the flag that would let hotswap clean {@code skipped}. */
  void warnClosed(Class<?> type, String skipped) {
    String pkg = type.getModule().getName() + "/" + type.getPackageName();
    if (warned.add(pkg + skipped)) {
      LOG.warn(
          "hotswap cannot clean {} of retired generations: start the JVM with --add-opens {}="
              + "ALL-UNNAMED (every flag the cleanup uses: {})",
          skipped,
          pkg,
          String.join(" ", FLAGS));
    }
  }

  /** Reads {@code field} of {@code target}, or null when the read fails. */
  static Object read(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException | RuntimeException e) {
      return null;
    }
  }
}
