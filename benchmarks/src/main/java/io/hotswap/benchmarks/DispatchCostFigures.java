package io.hotswap.benchmarks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The figures of one {@link DispatchCostBenchmark} run, read from JMH's JSON result: each side's
 * score and error (ns per request, JMH's 99.9% interval half-width) and, when the GC profiler ran,
 * its bytes allocated per request; derived from them the overhead (hotswap − direct) and the ratio
 * (hotswap / direct), their errors combined in quadrature from the two sides' (an approximation:
 * JMH's intervals are Student-t, the two sides independent).
 *
 * @param direct ns per request, the handler called directly
 * @param directError its JMH error, NaN when JMH had too few iterations to give one
 * @param hotswap ns per request through hotswap's dispatch
 * @param hotswapError its JMH error, or NaN
 * @param directBytes bytes allocated per request, direct; NaN without the GC profiler
 * @param hotswapBytes bytes allocated per request, hotswap; NaN without the GC profiler
 */
record DispatchCostFigures(
    double direct,
    double directError,
    double hotswap,
    double hotswapError,
    double directBytes,
    double hotswapBytes) {

  /** Reads the {@code direct} and {@code hotswap} results of {@code jmh} (JMH's JSON array). */
  static DispatchCostFigures parse(JsonArray jmh) {
    JsonObject direct = find(jmh, "direct");
    JsonObject hotswap = find(jmh, "hotswap");
    return new DispatchCostFigures(
        score(direct),
        error(direct),
        score(hotswap),
        error(hotswap),
        bytes(direct),
        bytes(hotswap));
  }

  /** What hotswap adds per request, ns. */
  double overhead() {
    return hotswap - direct;
  }

  /** The overhead's error, ns. */
  double overheadError() {
    return Math.hypot(hotswapError, directError);
  }

  /** hotswap / direct. */
  double ratio() {
    return hotswap / direct;
  }

  /** The ratio's error. */
  double ratioError() {
    return ratio() * Math.hypot(hotswapError / hotswap, directError / direct);
  }

  /** Bytes hotswap allocates per request beyond the direct call; NaN without the GC profiler. */
  double extraBytes() {
    return hotswapBytes - directBytes;
  }

  /** One line: both scores, the overhead and the ratio with their errors, the extra bytes. */
  String describe() {
    return String.format(
        Locale.ROOT,
        "dispatch: direct %.1f ± %.1f ns/req, hotswap %.1f ± %.1f ns/req; overhead %.1f ± %.1f"
            + " ns/req, ratio %.2f ± %.2f; allocation %.0f B/req more (%.0f vs %.0f)",
        direct,
        directError,
        hotswap,
        hotswapError,
        overhead(),
        overheadError(),
        ratio(),
        ratioError(),
        extraBytes(),
        hotswapBytes,
        directBytes);
  }

  private static JsonObject find(JsonArray jmh, String method) {
    for (int i = 0; i < jmh.size(); i++) {
      JsonObject result = jmh.getJsonObject(i);
      if (result.getString("benchmark", "").endsWith("DispatchCostBenchmark." + method)) {
        return result;
      }
    }
    throw new IllegalArgumentException("no DispatchCostBenchmark." + method + " in the JMH result");
  }

  private static double score(JsonObject result) {
    return number(result.getJsonObject("primaryMetric").getValue("score"));
  }

  private static double error(JsonObject result) {
    return number(result.getJsonObject("primaryMetric").getValue("scoreError"));
  }

  private static double bytes(JsonObject result) {
    JsonObject secondary = result.getJsonObject("secondaryMetrics", new JsonObject());
    JsonObject norm = secondary.getJsonObject("gc.alloc.rate.norm");
    return norm == null ? Double.NaN : number(norm.getValue("score"));
  }

  /** JMH writes {@code "NaN"} as a string when it has no error. */
  private static double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    return value == null ? Double.NaN : Double.parseDouble(value.toString());
  }
}
