package io.hotswap.metrics;

import io.hotswap.ReloadOutcome;
import io.hotswap.ReloadRecord;
import io.hotswap.StatusReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code hotswap.reloads} (by {@code outcome} and {@code trigger}) and {@code
 * hotswap.reload.duration} (by {@code phase}), fed with the reloads each status report adds.
 *
 * <p>Only reloads that loaded a generation (ACTIVATED, FAILED) are timed: the others did nothing
 * and would only pull the distribution towards zero.
 *
 * <p>Not thread-safe: the owner serializes calls.
 */
final class ReloadMeters {
  static final String RELOADS = "hotswap.reloads";
  static final String DURATION = "hotswap.reload.duration";

  /** The {@code outcome} of reloads that ended outside a report's window (tags unknown). */
  static final String UNKNOWN = "unknown";

  private final MeterRegistry registry;
  private final ReloadSequence sequence = new ReloadSequence();
  private final List<Meter> meters = new ArrayList<>();
  private final Timer loading;
  private final Timer starting;
  private final Timer total;

  ReloadMeters(MeterRegistry registry) {
    this.registry = registry;
    this.loading = timer("loading");
    this.starting = timer("starting");
    this.total = timer("total");
  }

  private Timer timer(String phase) {
    Timer timer =
        Timer.builder(DURATION)
            .description("How long each phase of a reload that loaded a generation took")
            .tag("phase", phase)
            .register(registry);
    meters.add(timer);
    return timer;
  }

  /** Counts and times the reloads {@code report} shows for the first time. */
  void apply(StatusReport report) {
    ReloadSequence.Batch batch = sequence.next(report.recentReloads(), report.reloadCount());
    if (batch.unseen() > 0) {
      counter(UNKNOWN, TriggerKind.OTHER).increment(batch.unseen());
    }
    for (ReloadRecord reload : batch.records()) {
      ReloadOutcome outcome = reload.outcome();
      counter(outcome.status().name().toLowerCase(Locale.ROOT), TriggerKind.of(reload.trigger()))
          .increment();
      if (outcome.status() == ReloadOutcome.Status.ACTIVATED
          || outcome.status() == ReloadOutcome.Status.FAILED) {
        record(loading, outcome.timings().loading());
        record(starting, outcome.timings().starting());
        record(total, outcome.timings().total());
      }
    }
  }

  private static void record(Timer timer, Duration duration) {
    if (duration != null && !duration.isNegative()) {
      timer.record(duration);
    }
  }

  private Counter counter(String outcome, String trigger) {
    Counter counter =
        Counter.builder(RELOADS)
            .description("Reloads that ended, by outcome and trigger")
            .tag("outcome", outcome)
            .tag("trigger", trigger)
            .register(registry);
    if (!meters.contains(counter)) {
      meters.add(counter);
    }
    return counter;
  }

  /** Removes every meter this registered. */
  void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }
}
