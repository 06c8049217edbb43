package io.hotswap.loader.cleanup;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;

/**
 * Removes {@code ThreadLocal} values of a retired generation's code from every live thread (event
 * loops and worker threads outlive every generation): an entry is cleared when its value, or its
 * {@code ThreadLocal}, is of that code (directly or as an element of a host collection). Reads
 * {@code Thread.threadLocals} and {@code inheritableThreadLocals}, which needs {@code --add-opens
 * java.base/java.lang}; without it, one WARN and nothing is cleaned.
 *
 * <p>Design note: the maps belong to other threads and are not thread-safe. The cleaner only nulls
 * the value and clears the weak key of a matching entry, which the owning thread then treats as a
 * stale entry and expunges; it never restructures the table. A matching entry holds an object of a
 * retired generation that no live code should read any more. Thread-safe.
 */
final class ThreadLocalCleaner implements LeakPattern {
  private static final String SKIPPED = "ThreadLocal values on host threads";

  private final Optional<Field> threadLocals;
  private final Optional<Field> inheritable;
  private final Optional<Field> table;
  private final Optional<Field> value;

  ThreadLocalCleaner(JdkAccess access) {
    this.threadLocals = access.field(Thread.class, "threadLocals", SKIPPED);
    this.inheritable = access.field(Thread.class, "inheritableThreadLocals", SKIPPED);
    Optional<Class<?>> mapType = threadLocals.map(Field::getType);
    this.table = mapType.flatMap(type -> access.field(type, "table", SKIPPED));
    this.value =
        table.flatMap(field -> access.field(field.getType().getComponentType(), "value", SKIPPED));
  }

  /** Whether this JVM lets the cleaner read thread-local maps. */
  boolean available() {
    return value.isPresent();
  }

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    scan(code, true, report, null);
  }

  @Override
  public void findHolders(RetiredCode code, List<String> holders) {
    scan(code, false, null, holders);
  }

  private void scan(RetiredCode code, boolean clear, CleanupReport report, List<String> holders) {
    if (!available()) {
      return;
    }
    for (Thread thread : Threads.all()) {
      for (Field mapField : List.of(threadLocals.get(), inheritable.get())) {
        Object map = JdkAccess.read(mapField, thread);
        Object[] entries = map == null ? null : (Object[]) JdkAccess.read(table.get(), map);
        if (entries == null) {
          continue;
        }
        for (Object entry : entries) {
          if (entry == null) {
            continue;
          }
          Object key = ((Reference<?>) entry).get();
          Object held = JdkAccess.read(value.get(), entry);
          if (!code.owns(key) && !code.ownsShallow(held)) {
            continue;
          }
          String what = describe(thread, key, held);
          if (clear) {
            try {
              value.get().set(entry, null);
              ((Reference<?>) entry).clear();
              report.released(what);
            } catch (IllegalAccessException | RuntimeException e) {
              report.remaining(what + " (could not clear: " + e + ")");
            }
          } else {
            holders.add(what);
          }
        }
      }
    }
  }

  private static String describe(Thread thread, Object key, Object held) {
    return "ThreadLocal "
        + (key == null ? "(collected)" : key.getClass().getName())
        + " holding a "
        + (held == null ? "null" : held.getClass().getName())
        + " on thread '"
        + thread.getName()
        + "'";
  }
}
