package io.hotswap.loader.cleanup;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads threads: every live platform thread, and the {@link Runnable} a thread runs (a private
 * field: {@code Thread.target} on JDK 17, {@code Thread.holder.task} on JDK 21+).
 *
 * <p>Thread-safe.
 */
final class Threads {
  private final Optional<Field> target;
  private final Optional<Field> holder;
  private final Optional<Field> holderTask;

  Threads(JdkAccess access) {
    Optional<Field> direct =
        access.isOpen(Thread.class)
            ? fieldOrEmpty(access, Thread.class, "target")
            : Optional.empty();
    this.target = direct;
    this.holder =
        direct.isEmpty() && access.isOpen(Thread.class)
            ? fieldOrEmpty(access, Thread.class, "holder")
            : Optional.empty();
    this.holderTask = holder.flatMap(field -> fieldOrEmpty(access, field.getType(), "task"));
  }

  private static Optional<Field> fieldOrEmpty(JdkAccess access, Class<?> type, String name) {
    return access.field(type, name, "threads started by generation code");
  }

  /** Every live platform thread. */
  static List<Thread> all() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() * 2 + 16];
    int count = root.enumerate(threads, true);
    return Arrays.asList(threads).subList(0, count);
  }

  /** Whether the Runnable a thread runs can be read on this JVM. */
  boolean canReadTarget() {
    return target.isPresent() || holderTask.isPresent();
  }

  /** The Runnable {@code thread} was created with, or null if none or unreadable. */
  Object target(Thread thread) {
    if (target.isPresent()) {
      return JdkAccess.read(target.get(), thread);
    }
    if (holderTask.isPresent()) {
      Object fields = JdkAccess.read(holder.get(), thread);
      return fields == null ? null : JdkAccess.read(holderTask.get(), fields);
    }
    return null;
  }

  /** Whether {@code thread} belongs to the host runtime (Vert.x, Netty, hotswap): never stopped. */
  static boolean isHostRuntime(Thread thread) {
    String type = thread.getClass().getName();
    return type.startsWith("io.vertx.")
        || type.startsWith("io.netty.")
        || thread.getName().startsWith("hotswap-")
        || thread == Thread.currentThread();
  }
}
