package io.hotswap.benchmarks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Collects the load harness's results as rows (plain | hotswap side by side) and targets (pass or
 * miss), prints them as a table and writes them as JSON.
 *
 * <p>Not thread-safe: the harness's main thread fills it.
 */
final class Report {
  private final List<String[]> rows = new ArrayList<>();
  private final List<String[]> targets = new ArrayList<>();
  private final JsonObject json = new JsonObject();
  private final JsonArray targetJson = new JsonArray();

  /** The JSON document, for sections to add raw values to. */
  JsonObject json() {
    return json;
  }

  /** A table row: what, the plain value, the hotswap value, a note. */
  void row(String what, String plain, String hotswap, String note) {
    rows.add(new String[] {what, plain, hotswap, note});
  }

  /** A target line; returns whether it passed. */
  boolean target(String name, String goal, String measured, boolean pass) {
    targets.add(new String[] {name, goal, measured, pass ? "PASS" : "MISS"});
    targetJson.add(
        new JsonObject()
            .put("target", name)
            .put("goal", goal)
            .put("measured", measured)
            .put("pass", pass));
    return pass;
  }

  /** Latency percentiles of {@code histogram} as {@code p50/p99/p99.9 ms}. */
  static String latencies(Histogram histogram) {
    return String.format(
        Locale.ROOT,
        "%.2f / %.2f / %.2f",
        histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0,
        histogram.getValueAtPercentile(99.9) / 1000.0);
  }

  /** The same percentiles as JSON (ms) with the count. */
  static JsonObject latencyJson(Histogram histogram) {
    return new JsonObject()
        .put("count", histogram.getTotalCount())
        .put("p50Ms", histogram.getValueAtPercentile(50) / 1000.0)
        .put("p99Ms", histogram.getValueAtPercentile(99) / 1000.0)
        .put("p999Ms", histogram.getValueAtPercentile(99.9) / 1000.0)
        .put("maxMs", histogram.getMaxValue() / 1000.0);
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** Prints the table and the targets. */
  void print() {
    int[] widths = {10, 10, 10, 4};
    for (String[] row : rows) {
      for (int i = 0; i < 4; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    String format = "%-" + widths[0] + "s | %" + widths[1] + "s | %" + widths[2] + "s | %s%n";
    System.out.printf(format, "measure", "plain Vert.x", "hotswap", "note");
    System.out.println("-".repeat(widths[0] + widths[1] + widths[2] + widths[3] + 9));
    rows.forEach(row -> System.out.printf(format, (Object[]) row));
    System.out.println();
    System.out.println("targets:");
    for (String[] t : targets) {
      System.out.printf("  [%s] %s: goal %s, measured %s%n", t[3], t[0], t[1], t[2]);
    }
  }

  /** Writes the JSON document (rows, targets and raw sections) to {@code file}. */
  void write(Path file) throws IOException {
    JsonArray table = new JsonArray();
    for (String[] row : rows) {
      table.add(
          new JsonObject()
              .put("measure", row[0])
              .put("plain", row[1])
              .put("hotswap", row[2])
              .put("note", row[3]));
    }
    json.put("table", table).put("targets", targetJson);
    Files.writeString(file, json.encodePrettily());
  }
}
