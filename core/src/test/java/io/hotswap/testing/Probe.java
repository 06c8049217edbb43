package io.hotswap.testing;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host class that fixture generations call (it is on the host classpath, so generation loaders
 * delegate to the host for it): counts ticks of generation timers, remembers generation loaders
 * weakly, and, for the negative control of the collection test, pins objects strongly.
 *
 * <p>Thread-safe.
 */
public final class Probe {
  private static final Map<String, AtomicLong> TICKS = new ConcurrentHashMap<>();
  private static final List<WeakReference<ClassLoader>> LOADERS = new CopyOnWriteArrayList<>();
  private static final List<Object> PINNED = new CopyOnWriteArrayList<>();

  private static volatile boolean holding;

  private Probe() {}

  /** Makes {@link #holding()} true until {@link #reset()}: lets a fixture thread ignore stops. */
  public static void hold() {
    holding = true;
  }

  /** Whether fixture threads that ignore interrupts should keep running. */
  public static boolean holding() {
    return holding;
  }

  /** Counts one tick for {@code key}. */
  public static void tick(String key) {
    TICKS.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
  }

  /** Raises the value of {@code key} to {@code value} if it is larger. */
  public static void max(String key, long value) {
    TICKS.computeIfAbsent(key, k -> new AtomicLong()).accumulateAndGet(value, Math::max);
  }

  /** The ticks counted for {@code key}. */
  public static long ticks(String key) {
    AtomicLong count = TICKS.get(key);
    return count == null ? 0 : count.get();
  }

  /** Remembers a generation loader, weakly. */
  public static void loaded(ClassLoader loader) {
    LOADERS.add(new WeakReference<>(loader));
  }

  /** Weak references to the generation loaders seen so far. */
  public static List<WeakReference<ClassLoader>> loaders() {
    return List.copyOf(LOADERS);
  }

  /** Pins {@code object} from a host static: the leak a negative control commits. */
  public static void pin(Object object) {
    PINNED.add(object);
  }

  /** Forgets everything, pins included. */
  public static void reset() {
    TICKS.clear();
    LOADERS.clear();
    PINNED.clear();
    holding = false;
  }
}
