package io.hotswap.metrics;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code hotswap.generations} by {@code state} (every {@link GenerationState}, 0 included: the
 * generations the history holds now) and {@code hotswap.loaders} by {@code fate}: {@code collected}
 * and {@code leaked} count the generations ever seen COLLECTED or LEAKED since binding (kept when
 * the history forgets them), {@code pending} the RETIRED ones whose loader awaits its verdict.
 *
 * <p>Thread-safe: values are atomic and the fate sets are guarded; the listener may report a fate
 * from any thread while a report is applied.
 */
final class StateMeters {
  static final String GENERATIONS = "hotswap.generations";
  static final String LOADERS = "hotswap.loaders";

  private final MeterRegistry registry;
  private final Map<GenerationState, AtomicLong> byState = new EnumMap<>(GenerationState.class);
  private final AtomicLong collected = new AtomicLong();
  private final AtomicLong leaked = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final Set<Long> collectedIds = new HashSet<>();
  private final Set<Long> leakedIds = new HashSet<>();
  private final List<Meter> meters = new ArrayList<>();

  StateMeters(MeterRegistry registry) {
    this.registry = registry;
    for (GenerationState state : GenerationState.values()) {
      AtomicLong count = new AtomicLong();
      byState.put(state, count);
      meters.add(
          Gauge.builder(GENERATIONS, count, AtomicLong::get)
              .description("Generations the history holds, by lifecycle state")
              .tag("state", state.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    loaders("collected", collected);
    loaders("leaked", leaked);
    loaders("pending", pending);
  }

  private void loaders(String fate, AtomicLong count) {
    meters.add(
        Gauge.builder(LOADERS, count, AtomicLong::get)
            .description(
                "Generation classloaders by fate: collected and leaked since start, pending"
                    + " (retired, verdict not given yet) now")
            .tag("fate", fate)
            .register(registry));
  }

  /** Counts {@code generations} by state and takes the fates they show. */
  void apply(List<GenerationInfo> generations) {
    Map<GenerationState, Long> counts = new EnumMap<>(GenerationState.class);
    long oldest = Long.MAX_VALUE;
    for (GenerationInfo info : generations) {
      counts.merge(info.state(), 1L, Long::sum);
      oldest = Math.min(oldest, info.id());
      fate(info);
    }
    byState.forEach((state, count) -> count.set(counts.getOrDefault(state, 0L)));
    pending.set(counts.getOrDefault(GenerationState.RETIRED, 0L));
    forgetBefore(oldest);
  }

  /** Takes the fate {@code info} shows, once per generation. */
  synchronized void fate(GenerationInfo info) {
    if (info.state() == GenerationState.COLLECTED && collectedIds.add(info.id())) {
      collected.incrementAndGet();
    } else if (info.state() == GenerationState.LEAKED && leakedIds.add(info.id())) {
      leaked.incrementAndGet();
    }
  }

  /** Generation ids only grow: one the history forgot is never reported again. */
  private synchronized void forgetBefore(long oldest) {
    collectedIds.removeIf(id -> id < oldest);
    leakedIds.removeIf(id -> id < oldest);
  }

  /** Removes every meter this registered. */
  void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }
}
