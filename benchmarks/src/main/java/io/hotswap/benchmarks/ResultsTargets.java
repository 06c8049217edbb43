package io.hotswap.benchmarks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 19's targets judged from one run's results ({@link ResultsInputs}): reload p50 at 30 and
 * 5,000 classes, p99 over the reload window against steady p99 on two cores (and, stated, on one),
 * throughput against plain Vert.x for the binding API and compat mode (wrk, median of the pairs'
 * ratios), the dispatch overhead in ns, and no failed request. A part that did not run gives a
 * {@link TargetRow.Verdict#NOT_RUN} row, a part whose runs had errors a {@link
 * TargetRow.Verdict#VOID} one: every target always has its row.
 *
 * <p>Stateless and thread-safe.
 */
final class ResultsTargets {
  /** Reload p50 bound at 30 classes, ms. */
  static final double RELOAD_SMALL_MS = 20;

  /** Reload p50 bound at 5,000 classes, ms. */
  static final double RELOAD_LARGE_MS = 300;

  /** p99 in reload windows over steady p99. */
  static final double WINDOW_RATIO = 1.5;

  /** Throughput ratio hotswap/plain. */
  static final double THROUGHPUT_RATIO = 0.97;

  /** Dispatch overhead bound, ns per request. */
  static final double DISPATCH_NANOS = 50;

  private static final Pattern WINDOW_AFTER = Pattern.compile("windowAfterMillis=(\\d+)");

  private ResultsTargets() {}

  /** Every target's row, in the order. */
  static List<TargetRow> rows(ResultsInputs in) {
    List<TargetRow> rows = new ArrayList<>();
    rows.add(reload(in.harnessOneCore(), 30, RELOAD_SMALL_MS));
    rows.add(reload(in.harnessOneCore(), 5000, RELOAD_LARGE_MS));
    rows.add(window(in.harnessTwoCores(), "2 cores", true));
    rows.add(window(in.harnessOneCore(), "1 core", false));
    rows.add(throughput(in.binding(), "binding API", exit(in, "binding")));
    rows.add(throughput(in.compat(), "compat mode", exit(in, "compat")));
    rows.add(dispatch(in.dispatch()));
    rows.add(failures(in));
    return rows;
  }

  static TargetRow reload(JsonObject harness, int classes, double goalMs) {
    String target = String.format(Locale.ROOT, "reload p50, %,d classes (idle)", classes);
    String goal = String.format(Locale.ROOT, "≤ %.0f ms", goalMs);
    JsonObject idle = harness == null ? null : harness.getJsonObject("idle-" + classes);
    if (idle == null) {
      return TargetRow.notRun(target, goal, "no idle reloads at " + classes + " classes");
    }
    List<Double> ms = millis(idle.getJsonArray("totalNanos"));
    if (ms.isEmpty()) {
      return TargetRow.notRun(target, goal, "no reload measured");
    }
    double p50 = Stats.median(ms);
    return new TargetRow(
        target,
        goal,
        ResultsFormat.f("%s ms", ResultsFormat.ms(p50)),
        ResultsFormat.f(
            "p99 %s ms, %s–%s ms, n=%d; server on %s",
            ResultsFormat.ms(Stats.percentile(ms, 99)),
            ResultsFormat.ms(Stats.min(ms)),
            ResultsFormat.ms(Stats.max(ms)),
            ms.size(),
            serverCores(harness)),
        TargetRow.Verdict.of(p50 <= goalMs));
  }

  static TargetRow window(JsonObject harness, String cores, boolean required) {
    String target = "p99 in reload windows, server on " + cores;
    String goal =
        ResultsFormat.f("≤ %.1f × steady p99", WINDOW_RATIO) + (required ? "" : " (stated)");
    JsonObject reloading = harness == null ? null : harness.getJsonObject("reloading");
    JsonObject steady = harness == null ? null : harness.getJsonObject("steady");
    if (reloading == null || steady == null) {
      return TargetRow.notRun(target, goal, "no reload-window run on " + cores);
    }
    if (failed(harness) != 0) {
      return new TargetRow(
          target, goal, "—", failed(harness) + " failed requests", TargetRow.Verdict.VOID);
    }
    double inside = reloading.getJsonObject("inside").getDouble("p99Ms");
    double steadyP99 = steady.getJsonObject("hotswap").getDouble("p99Ms");
    double between = reloading.getJsonObject("between").getDouble("p99Ms");
    double ratio = inside / Math.max(steadyP99, 1e-3);
    Matcher after = WINDOW_AFTER.matcher(harness.getString("options", ""));
    JsonObject warmUp = reloading.getJsonObject("warmUp");
    String first =
        warmUp == null
            ? ""
            : ResultsFormat.f(
                "; after %d warm-up reloads, whose windows had p99 %s ms",
                warmUp.getInteger("windows", 0),
                ResultsFormat.ms(warmUp.getJsonObject("inside").getDouble("p99Ms")));
    return new TargetRow(
        target,
        goal,
        ResultsFormat.f(
            "%s × (%s vs %s ms)",
            ResultsFormat.times(ratio), ResultsFormat.ms(inside), ResultsFormat.ms(steadyP99)),
        ResultsFormat.f(
                "%d windows (trigger → cutover + %s ms); p99 between windows %s ms",
                reloading.getInteger("windows", 0),
                after.find() ? after.group(1) : "?",
                ResultsFormat.ms(between))
            + first,
        TargetRow.Verdict.of(ratio <= WINDOW_RATIO));
  }

  static TargetRow throughput(JsonObject wrk, String what, int exit) {
    String target = "throughput, " + what + " (wrk, req/s hotswap/plain)";
    String goal = ResultsFormat.f("≥ %.2f × plain", THROUGHPUT_RATIO);
    if (wrk == null || wrk.getJsonObject("summary") == null) {
      return TargetRow.notRun(target, goal, "no paired wrk run");
    }
    JsonArray pairs = wrk.getJsonArray("pairs", new JsonArray());
    int noisy = 0;
    boolean clean = exit == 0;
    for (int i = 0; i < pairs.size(); i++) {
      JsonObject pair = pairs.getJsonObject(i);
      noisy += pair.getBoolean("noisy", false) ? 1 : 0;
      clean &= clean(pair.getJsonObject("plain")) && clean(pair.getJsonObject("hotswap"));
    }
    JsonObject rate = wrk.getJsonObject("summary").getJsonObject("requestsPerSecondRatio");
    JsonObject cpu = wrk.getJsonObject("summary").getJsonObject("cpuRatio");
    String spread =
        ResultsFormat.f(
            "%s–%s over %d pairs (%d re-run as noisy, %d noisy kept); CPU/req plain/hotswap %s"
                + " (%s–%s)",
            ResultsFormat.ratio(rate.getDouble("min")),
            ResultsFormat.ratio(rate.getDouble("max")),
            pairs.size(),
            wrk.getJsonArray("discardedNoisyPairs", new JsonArray()).size(),
            noisy,
            ResultsFormat.ratio(cpu.getDouble("median")),
            ResultsFormat.ratio(cpu.getDouble("min")),
            ResultsFormat.ratio(cpu.getDouble("max")));
    if (!clean) {
      return new TargetRow(
          target, goal, "—", "non-2xx or socket errors: " + spread, TargetRow.Verdict.VOID);
    }
    double median = rate.getDouble("median");
    return new TargetRow(
        target,
        goal,
        ResultsFormat.ratio(median) + " (median)",
        spread,
        TargetRow.Verdict.of(median >= THROUGHPUT_RATIO));
  }

  static TargetRow dispatch(JsonArray jmh) {
    String target = "dispatch overhead (JMH, hotswap − direct call)";
    String goal = ResultsFormat.f("≤ %.0f ns/request", DISPATCH_NANOS);
    DispatchCostFigures figures;
    try {
      figures = jmh == null ? null : DispatchCostFigures.parse(jmh);
    } catch (IllegalArgumentException e) {
      figures = null;
    }
    if (figures == null) {
      return TargetRow.notRun(target, goal, "no DispatchCostBenchmark result");
    }
    return new TargetRow(
        target,
        goal,
        ResultsFormat.f("%s ns", ResultsFormat.nanos(figures.overhead())),
        ResultsFormat.f(
            "± %s ns (JMH 99.9%%); %s vs %s ns, ratio %s ± %s; +%s B/request",
            ResultsFormat.nanos(figures.overheadError()),
            ResultsFormat.nanos(figures.hotswap()),
            ResultsFormat.nanos(figures.direct()),
            ResultsFormat.times(figures.ratio()),
            ResultsFormat.times(figures.ratioError()),
            ResultsFormat.whole(figures.extraBytes())),
        TargetRow.Verdict.of(figures.overhead() <= DISPATCH_NANOS));
  }

  static TargetRow failures(ResultsInputs in) {
    String target = "failed requests (every part)";
    long failed = 0;
    long counted = 0;
    for (JsonObject harness : new JsonObject[] {in.harnessOneCore(), in.harnessTwoCores()}) {
      if (harness != null && harness.getJsonObject("requests") != null) {
        failed += failed(harness);
        counted += harness.getJsonObject("requests").getLong("sent", 0L);
      }
    }
    for (JsonObject wrk : new JsonObject[] {in.binding(), in.compat()}) {
      JsonArray pairs = wrk == null ? new JsonArray() : wrk.getJsonArray("pairs", new JsonArray());
      for (int i = 0; i < pairs.size(); i++) {
        for (String side : new String[] {"plain", "hotswap"}) {
          JsonObject run = pairs.getJsonObject(i).getJsonObject(side);
          failed += run.getLong("non2xx", 0L) + run.getLong("socketErrors", 0L);
          counted += run.getLong("requests", 0L);
        }
      }
    }
    if (counted == 0) {
      return TargetRow.notRun(target, "0", "no load ran");
    }
    return new TargetRow(
        target,
        "0",
        Long.toString(failed),
        ResultsFormat.f("of %,d requests (harness sent; wrk measured windows)", counted),
        TargetRow.Verdict.of(failed == 0));
  }

  private static boolean clean(JsonObject run) {
    return run != null
        && run.getLong("requests", 0L) > 0
        && run.getLong("non2xx", 0L) == 0
        && run.getLong("socketErrors", 0L) == 0;
  }

  private static long failed(JsonObject harness) {
    JsonObject requests = harness.getJsonObject("requests");
    return requests == null ? 0 : requests.getLong("failed", 0L);
  }

  private static int exit(ResultsInputs in, String part) {
    return Integer.parseInt(in.run().getProperty("part." + part + ".exit", "0"));
  }

  private static String serverCores(JsonObject harness) {
    Matcher cpus =
        Pattern.compile("serverCpus=([^,\\]]+)").matcher(harness.getString("options", ""));
    if (!cpus.find()) {
      return "unpinned cores";
    }
    return (cpus.group(1).matches("\\d+") ? "core " : "cores ") + cpus.group(1);
  }

  private static List<Double> millis(JsonArray nanos) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; nanos != null && i < nanos.size(); i++) {
      out.add(((Number) nanos.getValue(i)).doubleValue() / 1e6);
    }
    return out;
  }
}
