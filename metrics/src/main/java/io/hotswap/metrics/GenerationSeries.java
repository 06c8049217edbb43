package io.hotswap.metrics;

import io.hotswap.StatusReport.GenerationStatus;
import io.hotswap.StatusReport.Timing;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The series of one generation, tagged {@code generation}: {@code hotswap.generation.in.flight}
 * (gauge), {@code hotswap.generation.requests} and {@code hotswap.generation.errors} (function
 * counters of its served and failed counts), and {@code hotswap.generation.request.duration} (a
 * function timer of its timed requests and messages, with {@code .max} as a time gauge). It holds
 * the latest values strongly, so the registry's weak references always find them, until {@link
 * #remove()}.
 *
 * <p>Thread-safe: values are atomic; updates come from one owner.
 */
final class GenerationSeries {
  static final String IN_FLIGHT = "hotswap.generation.in.flight";
  static final String REQUESTS = "hotswap.generation.requests";
  static final String ERRORS = "hotswap.generation.errors";
  static final String DURATION = "hotswap.generation.request.duration";
  static final String DURATION_MAX = "hotswap.generation.request.duration.max";

  private final MeterRegistry registry;
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Timing> timing = new AtomicReference<>(new Timing(0, 0, 0));
  private final Gauge inFlightGauge;
  private final FunctionCounter requests;
  private final FunctionCounter errors;
  private final FunctionTimer duration;
  private final TimeGauge durationMax;

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
    this.errors =
        FunctionCounter.builder(ERRORS, failed, AtomicLong::get)
            .description(
                "Requests and messages of the generation that failed: an HTTP 5xx answer, a"
                    + " handler that threw, a failed reply")
            .tag("generation", tag)
            .register(registry);
    this.duration =
        FunctionTimer.builder(
                DURATION,
                timing,
                times -> times.get().count(),
                times -> times.get().totalNanos(),
                TimeUnit.NANOSECONDS)
            .description(
                "Time of the generation's requests and messages from dispatch to the end of"
                    + " the answer")
            .tag("generation", tag)
            .register(registry);
    this.durationMax =
        TimeGauge.builder(
                DURATION_MAX, timing, TimeUnit.NANOSECONDS, times -> times.get().maxNanos())
            .description("The longest request or message of the generation")
            .tag("generation", tag)
            .register(registry);
  }

  /** Takes a report's counts; counts and times never go down (counters). */
  void update(GenerationStatus status) {
    inFlight.set(status.inFlight());
    served.accumulateAndGet(status.served(), Math::max);
    failed.accumulateAndGet(status.failed(), Math::max);
    status
        .timing()
        .ifPresent(
            now ->
                timing.accumulateAndGet(
                    now, (before, next) -> next.count() >= before.count() ? next : before));
  }

  /** The served count the counter shows. */
  long served() {
    return served.get();
  }

  /** Removes its series from the registry. */
  void remove() {
    registry.remove(inFlightGauge);
    registry.remove(requests);
    registry.remove(errors);
    registry.remove(duration);
    registry.remove(durationMax);
  }
}
