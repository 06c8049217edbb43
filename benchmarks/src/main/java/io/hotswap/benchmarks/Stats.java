package io.hotswap.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Order statistics of small samples (reload times, paired ratios): nearest-rank percentiles, min,
 * max. Stateless and thread-safe.
 */
final class Stats {
  private Stats() {}

  /** The nearest-rank {@code p}-th percentile (0–100) of {@code values}; NaN when empty. */
  static double percentile(List<? extends Number> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>();
    values.forEach(v -> sorted.add(v.doubleValue()));
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static double median(List<? extends Number> values) {
    return percentile(values, 50);
  }

  static double min(List<? extends Number> values) {
    return percentile(values, 0);
  }

  static double max(List<? extends Number> values) {
    return percentile(values, 100);
  }

  /** Nanoseconds as milliseconds. */
  static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
