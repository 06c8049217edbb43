package io.hotswap.internal.generation;

import io.hotswap.GenerationState;
import io.hotswap.ReloadOutcome.ReloadTimings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one generation as a state machine: it knows the legal transitions, rejects every
 * other one, and makes each accepted transition whole — the new state, the moment it was entered
 * (the phase timings of the reload), one log line naming the generation and the state, and one
 * history entry (the listener). No other code sets a generation's state or writes its lifecycle
 * lines.
 *
 * <pre>
 * LOADING  → STARTING | FAILED
 * STARTING → CHECKING | FAILED
 * CHECKING → ACTIVE   | FAILED
 * ACTIVE   → DRAINING
 * DRAINING → RETIRED
 * RETIRED  → COLLECTED | LEAKED
 * COLLECTED, LEAKED, FAILED: final
 * </pre>
 *
 * <p>A generation enters LOADING when it is created ({@link #begin}); a FAILED generation's later
 * facts (its loader's verdict) are {@linkplain #noted noted} without a transition: it stays FAILED.
 *
 * <p>Thread-safe: transitions are serialized on this object; the state is readable at any time. The
 * listener runs after the transition, outside the lock, on the thread that made it.
 */
final class GenerationLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationLifecycle.class);

  private static final Map<GenerationState, Set<GenerationState>> LEGAL = legal();

  private final String label;
  private final Runnable changed;
  private final long[] enteredAt = new long[GenerationState.values().length];
  private volatile GenerationState state = GenerationState.LOADING;
  private boolean begun;

  /**
   * A lifecycle in LOADING, not announced yet; {@code changed} records the history entry of every
   * transition.
   */
  GenerationLifecycle(String label, Runnable changed) {
    this.label = label;
    this.changed = changed;
  }

  private static Map<GenerationState, Set<GenerationState>> legal() {
    Map<GenerationState, Set<GenerationState>> legal = new EnumMap<>(GenerationState.class);
    for (GenerationState state : GenerationState.values()) {
      legal.put(state, EnumSet.noneOf(GenerationState.class));
    }
    legal.put(
        GenerationState.LOADING, EnumSet.of(GenerationState.STARTING, GenerationState.FAILED));
    legal.put(
        GenerationState.STARTING, EnumSet.of(GenerationState.CHECKING, GenerationState.FAILED));
    legal.put(GenerationState.CHECKING, EnumSet.of(GenerationState.ACTIVE, GenerationState.FAILED));
    legal.put(GenerationState.ACTIVE, EnumSet.of(GenerationState.DRAINING));
    legal.put(GenerationState.DRAINING, EnumSet.of(GenerationState.RETIRED));
    legal.put(
        GenerationState.RETIRED, EnumSet.of(GenerationState.COLLECTED, GenerationState.LEAKED));
    return legal;
  }

  /** Whether a generation in {@code from} may move to {@code to}. */
  static boolean allows(GenerationState from, GenerationState to) {
    return LEGAL.get(from).contains(to);
  }

  /** The state now. */
  GenerationState state() {
    return state;
  }

  /** Announces the LOADING state the generation was created in; once. */
  void begin(String detail) {
    synchronized (this) {
      if (begun) {
        throw new IllegalStateException(label + " has already begun its lifecycle");
      }
      begun = true;
      enteredAt[GenerationState.LOADING.ordinal()] = System.nanoTime();
    }
    LOG.info("{} LOADING{}", label, suffix(detail));
    changed.run();
  }

  /**
   * Moves to {@code next}: records the facts of the new state ({@code facts}, run before anyone can
   * see the state), logs, and records the history entry.
   *
   * @throws IllegalStateException when the lifecycle does not lead from the current state to {@code
   *     next}; nothing changes then
   */
  void moveTo(GenerationState next, Runnable facts, String detail) {
    moveTo(next, facts, detail, null);
  }

  /** {@link #moveTo(GenerationState, Runnable, String)} that logs {@code cause} (FAILED). */
  void moveTo(GenerationState next, Runnable facts, String detail, Throwable cause) {
    GenerationState from;
    synchronized (this) {
      from = state;
      if (!allows(from, next)) {
        throw new IllegalStateException(
            label + " cannot move from " + from + " to " + next + " (illegal transition)");
      }
      begun = true;
      facts.run();
      enteredAt[next.ordinal()] = System.nanoTime();
      state = next;
    }
    log(next, detail, cause);
    changed.run();
  }

  /** Records a fact about the generation that changes no state (a FAILED loader's verdict). */
  void noted(String fact, Runnable facts) {
    GenerationState now;
    synchronized (this) {
      facts.run();
      now = state;
    }
    LOG.info("{} {}{}", label, now, suffix(fact));
    changed.run();
  }

  private void log(GenerationState next, String detail, Throwable cause) {
    switch (next) {
      case FAILED -> LOG.error("{} FAILED{}", label, suffix(detail), cause);
      case LEAKED -> LOG.warn("{} LEAKED{}", label, suffix(detail));
      default -> LOG.info("{} {}{}", label, next, suffix(detail));
    }
  }

  private static String suffix(String detail) {
    if (detail == null || detail.isEmpty()) {
      return "";
    }
    return detail.startsWith(",") || detail.startsWith(":") ? detail : " " + detail;
  }

  /** When {@code phase} was entered ({@code System.nanoTime()}), or 0 if it never was. */
  synchronized long enteredAt(GenerationState phase) {
    return enteredAt[phase.ordinal()];
  }

  /**
   * The phase timings of the reload that began at {@code began} ({@code System.nanoTime()}): load
   * until STARTING, start (and checks) until ACTIVE or FAILED, total until now. A phase never
   * reached ends now.
   */
  ReloadTimings timings(long began) {
    long now = System.nanoTime();
    long loaded =
        orNow(enteredAt(GenerationState.STARTING), enteredAt(GenerationState.FAILED), now);
    long started = orNow(enteredAt(GenerationState.ACTIVE), enteredAt(GenerationState.FAILED), now);
    return new ReloadTimings(
        Duration.ofNanos(Math.max(0, loaded - began)),
        Duration.ofNanos(Math.max(0, started - loaded)),
        Duration.ofNanos(System.nanoTime() - began));
  }

  private static long orNow(long first, long second, long now) {
    return first != 0 ? first : second != 0 ? second : now;
  }
}
