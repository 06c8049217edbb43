package io.hotswap.testing;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.HotSwap;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records, per generation, when it began DRAINING and when it was RETIRED, as the instance's
 * listener reports them, so a test can assert how long each retired generation took to drain, and
 * which of them were then COLLECTED or LEAKED (the instance's history is bounded; this is not).
 *
 * <p>Thread-safe: the listener runs on the host's threads, readers on the test thread.
 */
public final class DrainWatch {
  private final Map<Long, Instant> drainingSince = new ConcurrentHashMap<>();
  private final Map<Long, Instant> retiredAt = new ConcurrentHashMap<>();
  private final Map<Long, Long> cancelled = new ConcurrentHashMap<>();
  private final Map<Long, GenerationState> fates = new ConcurrentHashMap<>();

  private DrainWatch() {}

  /** Starts watching {@code hotSwap}: generations that begin draining from now on are recorded. */
  public static DrainWatch on(HotSwap hotSwap) {
    DrainWatch watch = new DrainWatch();
    hotSwap.addListener(watch::changed);
    return watch;
  }

  private void changed(GenerationInfo info) {
    if (info.state() == GenerationState.DRAINING) {
      drainingSince.putIfAbsent(info.id(), Instant.now());
    } else if (info.state() == GenerationState.RETIRED && drainingSince.containsKey(info.id())) {
      retiredAt.putIfAbsent(info.id(), info.retiredAt().orElse(Instant.now()));
      cancelled.put(info.id(), info.cancelledAtDrain());
    } else if ((info.state() == GenerationState.COLLECTED || info.state() == GenerationState.LEAKED)
        && drainingSince.containsKey(info.id())) {
      fates.put(info.id(), info.state());
    }
  }

  /** The generations that retired while watched. */
  public int retiredCount() {
    return retiredAt.size();
  }

  /** The tracker's verdict (COLLECTED or LEAKED) on each retired generation that has one. */
  public Map<Long, GenerationState> fates() {
    return new TreeMap<>(fates);
  }

  /** The generations that began draining while watched. */
  public int drainingCount() {
    return drainingSince.size();
  }

  /** How long each retired generation took from DRAINING to RETIRED, by generation id. */
  public Map<Long, Duration> drainTimes() {
    Map<Long, Duration> times = new TreeMap<>();
    retiredAt.forEach(
        (id, retired) -> times.put(id, Duration.between(drainingSince.get(id), retired)));
    return times;
  }

  /** The requests and messages the host answered at the drain timeout, by generation id. */
  public Map<Long, Long> cancelledAtDrain() {
    return new TreeMap<>(cancelled);
  }

  /** The longest drain so far, or zero. */
  public Duration longestDrain() {
    return drainTimes().values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
  }
}
