package io.hotswap.metrics;

import io.hotswap.GenerationState;
import io.hotswap.StatusReport.GenerationStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-generation series ({@link GenerationSeries}) of the generations a status report lists,
 * and {@code hotswap.requests}, the served count of every generation since start. Labels stay
 * bounded: a generation's series are removed once it is COLLECTED or once it left the history (a
 * FAILED or LEAKED one stays while the history keeps it).
 *
 * <p>Not thread-safe: the owner serializes calls.
 */
final class GenerationMeters {
  static final String TOTAL_REQUESTS = "hotswap.requests";

  private static final Logger LOG = LoggerFactory.getLogger(GenerationMeters.class);

  private final MeterRegistry registry;
  private final Map<Long, GenerationSeries> series = new HashMap<>();
  private final Map<Long, Long> lastServed = new HashMap<>();
  private final AtomicLong total = new AtomicLong();
  private final FunctionCounter totalRequests;
  private long departedServed;

  GenerationMeters(MeterRegistry registry) {
    this.registry = registry;
    this.totalRequests =
        FunctionCounter.builder(TOTAL_REQUESTS, total, AtomicLong::get)
            .description(
                "Requests and messages dispatched to any generation, those of removed series"
                    + " included")
            .register(registry);
  }

  /** Updates, adds and removes series to match {@code generations}. */
  void apply(List<GenerationStatus> generations) {
    Map<Long, Long> served = new HashMap<>();
    for (GenerationStatus generation : generations) {
      long id = generation.info().id();
      served.put(id, Math.max(generation.served(), lastServed.getOrDefault(id, 0L)));
      if (generation.info().state() == GenerationState.COLLECTED) {
        remove(id, "COLLECTED");
      } else {
        series.computeIfAbsent(id, key -> new GenerationSeries(registry, key)).update(generation);
      }
    }
    lastServed.forEach(
        (id, count) -> {
          if (!served.containsKey(id)) {
            departedServed += count;
          }
        });
    lastServed.clear();
    lastServed.putAll(served);
    series.keySet().stream()
        .filter(id -> !served.containsKey(id))
        .toList()
        .forEach(id -> remove(id, "left the history"));
    long sum = departedServed + served.values().stream().mapToLong(Long::longValue).sum();
    total.accumulateAndGet(sum, Math::max);
  }

  private void remove(long id, String why) {
    GenerationSeries removed = series.remove(id);
    if (removed != null) {
      removed.remove();
      LOG.debug("gen-{}: metrics series removed ({})", id, why);
    }
  }

  /** Removes every meter this registered. */
  void close() {
    series.values().forEach(GenerationSeries::remove);
    series.clear();
    registry.remove(totalRequests);
  }
}
