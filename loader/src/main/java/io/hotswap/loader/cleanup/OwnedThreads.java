package io.hotswap.loader.cleanup;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the threads a retired generation started: a thread whose class or Runnable is its code is
 * interrupted, a {@code java.util.Timer} thread it created is cancelled (as {@code Timer#cancel}
 * does, through reflection into {@code java.util}); then each is joined within one shared bound,
 * and the ones still alive are reported by name. Threads of the host runtime (Vert.x, Netty,
 * hotswap) are never stopped; a thread that merely has the retired loader as context classloader is
 * left to {@link ContextClassLoaderSweeper}.
 *
 * <p>Without {@code --add-opens java.base/java.lang} a thread's Runnable cannot be read: a plain
 * {@code java.lang.Thread} whose context classloader is the retired loader is then taken as its
 * thread. Thread-safe.
 */
final class OwnedThreads implements LeakPattern {
  private static final Logger LOG = LoggerFactory.getLogger(OwnedThreads.class);
  private static final String TIMER_THREAD = "java.util.TimerThread";

  private final Threads threads;
  private final Duration joinBound;
  private final JdkAccess access;

  OwnedThreads(JdkAccess access, Threads threads, Duration joinBound) {
    this.access = access;
    this.threads = threads;
    this.joinBound = joinBound;
  }

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    List<Thread> stopping = new ArrayList<>();
    for (Thread thread : Threads.all()) {
      if (Threads.isHostRuntime(thread) || !thread.isAlive()) {
        continue;
      }
      if (isTimer(thread, code)) {
        if (cancelTimer(thread)) {
          stopping.add(thread);
        } else {
          report.remaining(describe(thread) + " (a java.util.Timer) could not be cancelled");
        }
      } else if (isOwned(thread, code)) {
        LOG.info("{}: interrupting {}, started by its code", code.label(), describe(thread));
        thread.interrupt();
        stopping.add(thread);
      }
    }
    long deadline = System.nanoTime() + joinBound.toNanos();
    for (Thread thread : stopping) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      try {
        thread.join(Math.max(1, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (thread.isAlive()) {
        report.remaining(describe(thread) + " did not stop within " + joinBound.toMillis() + " ms");
      } else {
        // A dead thread can still be referenced (a Timer's cleaner keeps its TimerThread), and
        // its context classloader field would pin the retired loader through it.
        thread.setContextClassLoader(null);
        report.released(describe(thread) + " stopped");
      }
    }
  }

  @Override
  public void findHolders(RetiredCode code, List<String> holders) {
    for (Thread thread : Threads.all()) {
      if (isTimer(thread, code) || (!Threads.isHostRuntime(thread) && isOwned(thread, code))) {
        holders.add("live " + describe(thread) + " runs its code");
      }
    }
  }

  /** Whether its code started {@code thread}: the thread's class or Runnable is its code. */
  boolean isOwned(Thread thread, RetiredCode code) {
    if (code.owns(thread.getClass()) || code.owns(threads.target(thread))) {
      return true;
    }
    return !threads.canReadTarget()
        && thread.getClass() == Thread.class
        && thread.getContextClassLoader() == code.loader();
  }

  private boolean isTimer(Thread thread, RetiredCode code) {
    if (!thread.getClass().getName().equals(TIMER_THREAD)) {
      return false;
    }
    if (thread.getContextClassLoader() == code.loader()) {
      return true;
    }
    Object queue = timerQueue(thread);
    if (queue == null) {
      return false;
    }
    synchronized (queue) {
      Optional<Field> tasks = access.field(queue.getClass(), "queue", "java.util.Timer threads");
      return tasks.isPresent() && code.ownsShallow(JdkAccess.read(tasks.get(), queue));
    }
  }

  private Object timerQueue(Thread thread) {
    return access
        .field(thread.getClass(), "queue", "java.util.Timer threads")
        .map(field -> JdkAccess.read(field, thread))
        .orElse(null);
  }

  /** Does what {@code Timer#cancel()} does, from the thread side; false without access. */
  private boolean cancelTimer(Thread thread) {
    Object queue = timerQueue(thread);
    Optional<Field> accepting =
        access.field(thread.getClass(), "newTasksMayBeScheduled", "java.util.Timer threads");
    if (queue == null || accepting.isEmpty()) {
      return false;
    }
    Optional<Method> clear = access.method(queue.getClass(), "clear", "java.util.Timer threads");
    if (clear.isEmpty()) {
      return false;
    }
    synchronized (queue) {
      try {
        accepting.get().setBoolean(thread, false);
        clear.get().invoke(queue);
      } catch (IllegalAccessException | InvocationTargetException e) {
        LOG.warn("cannot cancel the timer of {}: {}", describe(thread), e.toString());
        return false;
      }
      queue.notifyAll();
    }
    return true;
  }

  static String describe(Thread thread) {
    return "thread '" + thread.getName() + "' (" + thread.getState() + ")";
  }
}
