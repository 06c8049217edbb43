package io.hotswap.loader;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns a burst of events into one report: every event (re)starts the quiet period, and the report
 * runs once no event arrived for the whole of it.
 *
 * <p>Design notes: each event cancels the pending report and schedules a new one that remembers the
 * event count it was scheduled for; a report that finds a newer count has been superseded (the
 * cancel can lose the race against a report already running). Reports run on the scheduler, so with
 * a single-threaded scheduler they never overlap; events arriving during a report start the next
 * burst. {@link #event()} is thread-safe.
 */
final class Debouncer {

  /** A settled burst: how many events, and the time from the first to the last. */
  record Burst(int events, Duration span) {}

  private final ScheduledExecutorService scheduler;
  private final long quietNanos;
  private final LongSupplier nanoTime;
  private final Consumer<Burst> report;

  private int events;
  private long firstNanos;
  private long lastNanos;
  private ScheduledFuture<?> pending;

  Debouncer(
      ScheduledExecutorService scheduler,
      Duration quietPeriod,
      LongSupplier nanoTime,
      Consumer<Burst> report) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.quietNanos = quietPeriod.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.report = Objects.requireNonNull(report, "report");
  }

  /** Records one event and (re)starts the quiet period; ignored once the scheduler shut down. */
  synchronized void event() {
    long now = nanoTime.getAsLong();
    if (events == 0) {
      firstNanos = now;
    }
    lastNanos = now;
    int expected = ++events;
    if (pending != null) {
      pending.cancel(false);
    }
    try {
      pending = scheduler.schedule(() -> settle(expected), quietNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      pending = null; // closing: nothing more to report
    }
  }

  private void settle(int expected) {
    Burst burst;
    synchronized (this) {
      if (events != expected) {
        return; // a later event restarted the quiet period
      }
      burst = new Burst(events, Duration.ofNanos(lastNanos - firstNanos));
      events = 0;
      pending = null;
    }
    report.accept(burst);
  }
}
