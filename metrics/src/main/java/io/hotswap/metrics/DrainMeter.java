package io.hotswap.metrics;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code hotswap.drain.duration}, the time from DRAINING to RETIRED of each generation, and {@code
 * hotswap.drain.cancelled}, the requests still in flight at the drain timeout (answered 503 by the
 * host). {@link GenerationInfo} has no draining instant, so it is taken from the lifecycle
 * listener, which runs on the thread that made the change: a generation that began draining before
 * binding is not timed.
 *
 * <p>Thread-safe: the listener may call from any thread.
 */
final class DrainMeter {
  static final String DURATION = "hotswap.drain.duration";
  static final String CANCELLED = "hotswap.drain.cancelled";

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<Long, Instant> drainingSince = new ConcurrentHashMap<>();
  private final Timer duration;
  private final Counter cancelled;

  DrainMeter(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.duration =
        Timer.builder(DURATION)
            .description("How long retired generations drained: DRAINING to RETIRED")
            .register(registry);
    this.cancelled =
        Counter.builder(CANCELLED)
            .description("Requests and messages still in flight at the drain timeout")
            .register(registry);
  }

  /** Takes a lifecycle change. */
  void changed(GenerationInfo info) {
    if (info.state() == GenerationState.DRAINING) {
      drainingSince.putIfAbsent(info.id(), clock.instant());
    } else if (info.state() == GenerationState.RETIRED) {
      Instant since = drainingSince.remove(info.id());
      if (since != null) {
        Instant retired = info.retiredAt().orElseGet(clock::instant);
        Duration drained = Duration.between(since, retired);
        duration.record(drained.isNegative() ? Duration.ZERO : drained);
      }
      if (info.cancelledAtDrain() > 0) {
        cancelled.increment(info.cancelledAtDrain());
      }
    } else if (info.state().isFinished()) {
      drainingSince.remove(info.id());
    }
  }

  /** Removes both meters. */
  void close() {
    registry.remove(duration);
    registry.remove(cancelled);
    drainingSince.clear();
  }
}
