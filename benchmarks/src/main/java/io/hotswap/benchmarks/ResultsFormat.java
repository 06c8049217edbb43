package io.hotswap.benchmarks;

import java.util.Locale;

/**
 * Number formatting of the generated part of {@code RESULTS.md}: locale-independent, a fixed number
 * of decimals per kind of figure, {@code ?} for a figure that is not a number (a JMH error with too
 * few iterations, allocation without the GC profiler).
 *
 * <p>Stateless and thread-safe.
 */
final class ResultsFormat {
  private ResultsFormat() {}

  /** {@link String#format} in {@link Locale#ROOT}. */
  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** Milliseconds, one decimal. */
  static String ms(double millis) {
    return fixed(millis, 1);
  }

  /** A throughput or CPU ratio, three decimals. */
  static String ratio(double ratio) {
    return fixed(ratio, 3);
  }

  /** A latency multiple, two decimals. */
  static String times(double ratio) {
    return fixed(ratio, 2);
  }

  /** Nanoseconds, one decimal. */
  static String nanos(double nanos) {
    return fixed(nanos, 1);
  }

  /** A whole number (bytes), no decimals. */
  static String whole(double value) {
    return fixed(value, 0);
  }

  /** A markdown table cell: no line breaks, {@code |} escaped. */
  static String cell(String text) {
    return text == null ? "" : text.replace("\n", " ").replace("|", "\\|");
  }

  private static String fixed(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "?";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
