package io.hotswap.benchmarks;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one fixed-rate run recorded: per request, its intended send time and its latency from that
 * time. Splits into histograms by whether the intended time fell inside given windows.
 *
 * <p>Written from one client context, read after the run completed; not thread-safe otherwise.
 */
final class FixedRateRun {
  private final long[] intended;
  private final long[] latency;

  FixedRateRun(int requests) {
    this.intended = new long[requests];
    this.latency = new long[requests];
  }

  void record(int index, long intendedNanos, long latencyNanos) {
    intended[index] = intendedNanos;
    latency[index] = latencyNanos;
  }

  /** A latency window, in client {@code System.nanoTime()}. */
  record Window(long from, long to) {
    boolean contains(long t) {
      return t >= from && t < to;
    }
  }

  /** Histogram (µs) of the requests whose intended time is inside ({@code inside}) the windows. */
  Histogram histogram(List<Window> windows, boolean inside) {
    Histogram histogram = new Histogram(60_000_000L, 3);
    for (int i = 0; i < intended.length; i++) {
      boolean in = false;
      for (Window window : windows) {
        if (window.contains(intended[i])) {
          in = true;
          break;
        }
      }
      if (in == inside) {
        histogram.recordValue(Math.max(1, latency[i] / 1000));
      }
    }
    return histogram;
  }

  /** Histogram (µs) of every request. */
  Histogram all() {
    return histogram(List.of(), false);
  }
}
