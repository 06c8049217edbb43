package io.hotswap.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The series of one generation, tagged {@code generation}: {@code hotswap.generation.in.flight}
 * (gauge) and {@code hotswap.generation.requests} (function counter of its served count). It holds
 * the latest values strongly, so the registry's weak references always find them, until {@link
 * #remove()}.
 *
 * <p>Thread-safe: values are atomic; updates come from one owner.
 */
final class GenerationSeries {
  static final String IN_FLIGHT = "hotswap.generation.in.flight";
  static final String REQUESTS = "hotswap.generation.requests";

  private final MeterRegistry registry;
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong served = new AtomicLong();
  private final Gauge inFlightGauge;
  private final FunctionCounter requests;

  GenerationSeries(MeterRegistry registry, long generation) {
    this.registry = registry;
    String tag = Long.toString(generation);
    this.inFlightGauge =
        Gauge.builder(IN_FLIGHT, inFlight, AtomicLong::get)
            .description("Requests and messages in flight in the generation now")
            .tag("generation", tag)
            .register(registry);
    this.requests =
        FunctionCounter.builder(REQUESTS, served, AtomicLong::get)
            .description(
                "Requests and messages dispatched to the generation since it became active")
            .tag("generation", tag)
            .register(registry);
  }

  /** Takes a report's counts; the served count never goes down (a counter). */
  void update(int inFlightNow, long servedNow) {
    inFlight.set(inFlightNow);
    served.accumulateAndGet(servedNow, Math::max);
  }

  /** The served count the counter shows. */
  long served() {
    return served.get();
  }

  /** Removes both series from the registry. */
  void remove() {
    registry.remove(inFlightGauge);
    registry.remove(requests);
  }
}
