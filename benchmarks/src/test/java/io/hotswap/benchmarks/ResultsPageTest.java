package io.hotswap.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsPageTest {

  @Test
  void everyTargetHasARowEvenWhenNothingRan() {
    List<TargetRow> rows =
        ResultsTargets.rows(inputs(null, null, null, null, null, new Properties()));

    assertThat(rows).hasSize(8).allMatch(row -> row.verdict() == TargetRow.Verdict.NOT_RUN);
    assertThat(ResultsPage.targets(rows))
        .contains("reload p50, 30 classes")
        .contains("reload p50, 5,000 classes")
        .contains("p99 in reload windows, server on 2 cores")
        .contains("p99 in reload windows, server on 1 core")
        .contains("throughput, binding API")
        .contains("throughput, compat mode")
        .contains("dispatch overhead")
        .contains("| not run |");
  }

  @Test
  void reloadP50IsJudgedAgainstItsBoundAtTheBoundItself() {
    JsonObject harness =
        harness(List.of(10e6, 20e6, 30e6), List.of(290e6, 301e6, 302e6, 400e6), 6.0, 4.0, 0);

    TargetRow small = ResultsTargets.reload(harness, 30, 20);
    TargetRow large = ResultsTargets.reload(harness, 5000, 300);

    assertThat(small.verdict()).isEqualTo(TargetRow.Verdict.PASS);
    assertThat(small.measured()).isEqualTo("20.0 ms");
    assertThat(small.spread()).isEqualTo("p99 30.0 ms, 10.0–30.0 ms, n=3; server on core 0");
    assertThat(large.verdict()).isEqualTo(TargetRow.Verdict.MISS);
    assertThat(large.measured()).isEqualTo("301.0 ms");
  }

  @Test
  void reloadWindowIsTheRatioOfP99InWindowsToSteadyP99() {
    TargetRow pass =
        ResultsTargets.window(harness(List.of(1e6), List.of(), 6.0, 4.0, 0), "2 cores", true);
    TargetRow miss =
        ResultsTargets.window(harness(List.of(1e6), List.of(), 36.0, 4.6, 0), "1 core", false);
    TargetRow failed =
        ResultsTargets.window(harness(List.of(1e6), List.of(), 6.0, 4.0, 3), "2 cores", true);

    assertThat(pass.verdict()).isEqualTo(TargetRow.Verdict.PASS);
    assertThat(pass.measured()).isEqualTo("1.50 × (6.0 vs 4.0 ms)");
    assertThat(pass.spread())
        .isEqualTo("29 windows (trigger → cutover + 500 ms); p99 between windows 5.0 ms");
    assertThat(miss.verdict()).isEqualTo(TargetRow.Verdict.MISS);
    assertThat(miss.goal()).isEqualTo("≤ 1.5 × steady p99 (stated)");
    assertThat(miss.measured()).isEqualTo("7.83 × (36.0 vs 4.6 ms)");
    assertThat(failed.verdict()).isEqualTo(TargetRow.Verdict.VOID);
  }

  @Test
  void reloadWindow_afterWarmUpReloads_saysHowManyAndTheirP99() {
    JsonObject harness = harness(List.of(1e6), List.of(), 2.1, 1.6, 0);
    harness
        .getJsonObject("reloading")
        .put(
            "warmUp",
            new JsonObject().put("windows", 3).put("inside", new JsonObject().put("p99Ms", 9.18)));

    TargetRow row = ResultsTargets.window(harness, "2 cores", true);

    assertThat(row.verdict()).isEqualTo(TargetRow.Verdict.PASS);
    assertThat(row.spread())
        .isEqualTo(
            "29 windows (trigger → cutover + 500 ms); p99 between windows 5.0 ms; after 3"
                + " warm-up reloads, whose windows had p99 9.2 ms");
  }

  @Test
  void throughputIsTheMedianPairRatioWithItsSpread() {
    TargetRow row = ResultsTargets.throughput(wrk(0, 0.969, 0.933, 1.023, 0.97), "compat mode", 0);
    TargetRow pass = ResultsTargets.throughput(wrk(0, 0.970, 0.95, 0.99, 0.98), "binding API", 0);

    assertThat(row.verdict()).isEqualTo(TargetRow.Verdict.MISS);
    assertThat(row.measured()).isEqualTo("0.969 (median)");
    assertThat(row.spread())
        .isEqualTo(
            "0.933–1.023 over 3 pairs (1 re-run as noisy, 1 noisy kept); CPU/req plain/hotswap"
                + " 0.970 (0.900–1.100)");
    assertThat(pass.verdict()).isEqualTo(TargetRow.Verdict.PASS);
  }

  @Test
  void throughputWithErrorsOrAFailedRunIsVoid() {
    assertThat(ResultsTargets.throughput(wrk(2, 1.0, 1.0, 1.0, 1.0), "compat mode", 0).verdict())
        .isEqualTo(TargetRow.Verdict.VOID);
    assertThat(ResultsTargets.throughput(wrk(0, 1.0, 1.0, 1.0, 1.0), "compat mode", 1).verdict())
        .isEqualTo(TargetRow.Verdict.VOID);
  }

  @Test
  void dispatchOverheadIsTheDifferenceWithErrorsInQuadrature() {
    TargetRow row = ResultsTargets.dispatch(jmh(10.0, 3.0, 55.0, 4.0));
    TargetRow pass = ResultsTargets.dispatch(jmh(10.0, 3.0, 60.0, 4.0));

    assertThat(row.verdict()).isEqualTo(TargetRow.Verdict.PASS);
    assertThat(row.measured()).isEqualTo("45.0 ns");
    assertThat(row.spread())
        .isEqualTo("± 5.0 ns (JMH 99.9%); 55.0 vs 10.0 ns, ratio 5.50 ± 1.70; +280 B/request");
    assertThat(pass.verdict()).isEqualTo(TargetRow.Verdict.PASS);
    assertThat(ResultsTargets.dispatch(jmh(10.0, 3.0, 60.1, 4.0)).verdict())
        .isEqualTo(TargetRow.Verdict.MISS);
  }

  @Test
  void aMissingJmhErrorIsShownAsUnknown() {
    JsonArray jmh = jmh(10.0, 3.0, 55.0, 4.0);
    jmh.getJsonObject(1).getJsonObject("primaryMetric").put("scoreError", "NaN");

    DispatchCostFigures figures = DispatchCostFigures.parse(jmh);

    assertThat(figures.hotswapError()).isNaN();
    assertThat(ResultsTargets.dispatch(jmh).spread()).startsWith("± ? ns");
  }

  @Test
  void failedRequestsAddUpEveryPart() {
    ResultsInputs clean =
        inputs(
            harness(List.of(1e6), List.of(), 6, 4, 0),
            null,
            wrk(0, 1, 1, 1, 1),
            null,
            null,
            new Properties());
    ResultsInputs failing =
        inputs(
            harness(List.of(1e6), List.of(), 6, 4, 1),
            null,
            wrk(2, 1, 1, 1, 1),
            null,
            null,
            new Properties());

    TargetRow ok = ResultsTargets.failures(clean);
    assertThat(ok.verdict()).isEqualTo(TargetRow.Verdict.PASS);
    assertThat(ok.spread()).isEqualTo("of 1,600 requests (harness sent; wrk measured windows)");
    assertThat(ResultsTargets.failures(failing).measured()).isEqualTo("3");
  }

  @Test
  void renderShowsMachineCommandTargetsAndRawTables() {
    Properties run = new Properties();
    run.setProperty("mode", "quick");
    run.setProperty("command", "benchmarks/run-results --quick");
    run.setProperty("machine", "2 vCPUs (EPYC)");
    run.setProperty("load.start", "4.1 3.9 3.0");
    run.setProperty("load.end", "5.0 4.0 3.1");
    run.setProperty("note", "Shared with a CI run.");
    run.setProperty("parts", "binding dispatch");
    run.setProperty("part.binding.command", "java -cp x CompatThroughput --app binding");
    run.setProperty("part.binding.exit", "0");
    run.setProperty("part.dispatch.exit", "0");

    String page =
        ResultsPage.render(
            inputs(
                harness(List.of(8e6), List.of(450e6), 6, 4, 0),
                null,
                wrk(0, 0.98, 0.95, 1.01, 0.99),
                null,
                jmh(10, 1, 70, 2),
                run));

    assertThat(page)
        .contains("**Quick mode")
        .contains("Regenerated by `benchmarks/run-results --quick`")
        .contains("- Machine: 2 vCPUs (EPYC).")
        .contains("at start 4.1 3.9 3.0, at end 5.0 4.0 3.1. Shared with a CI run.")
        .contains("| target | goal | measured | spread | result |")
        .contains("| throughput, binding API (wrk, req/s hotswap/plain) | ≥ 0.97 × plain | 0.980")
        .contains("| dispatch overhead (JMH, hotswap − direct call) | ≤ 50 ns/request | 60.0 ns")
        .contains("| **MISS** |")
        .contains("| binding | `java -cp x CompatThroughput --app binding` |")
        .contains("### Load harness, server on 1 core")
        .contains("| reload \\| p50 | - | 8.0 | a note |")
        .contains("### wrk pairs, binding API")
        .contains(
            "| 1 | 100000 | 9.00 | 98000 | 9.10 | 0.980 | 0.989 | 1.50 / 1.60 | 0.5 % / 0.7 % | 2 |")
        .contains("### Dispatch cost (JMH, `DispatchCostBenchmark`)")
        .contains("| overhead (hotswap − direct) | 60.0 | 2.2 | 280 |")
        .doesNotContain("wrk pairs, compat mode");
  }

  @Test
  void spliceReplacesOnlyTheGeneratedPart() {
    String existing =
        "# Benchmark results\n\nintro\n\n"
            + ResultsPage.BEGIN
            + "\nold table\n"
            + ResultsPage.END
            + "\n\n## Reload path (issue 19)\nhand-written | kept\n";

    String once = ResultsPage.splice(existing, "new table\n");

    assertThat(once)
        .isEqualTo(
            "# Benchmark results\n\nintro\n\n"
                + ResultsPage.BEGIN
                + "\nnew table\n"
                + ResultsPage.END
                + "\n\n## Reload path (issue 19)\nhand-written | kept\n");
    assertThat(ResultsPage.splice(once, "new table\n")).isEqualTo(once);
  }

  @Test
  void spliceWithoutMarkersPutsThePartBelowTheTitle() {
    String existing = "# Benchmark results\n\n**Read these as orders of magnitude.**\n";

    String spliced = ResultsPage.splice(existing, "table");

    assertThat(spliced)
        .isEqualTo(
            "# Benchmark results\n\n"
                + ResultsPage.BEGIN
                + "\ntable\n"
                + ResultsPage.END
                + "\n\n**Read these as orders of magnitude.**\n");
    assertThat(ResultsPage.splice(spliced, "table")).isEqualTo(spliced);
  }

  @Test
  void readsWhatTheScriptLeftAndToleratesMissingParts(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(ResultsInputs.RUN), "mode=full\nload.start=1.0 2.0 3.0\n");
    Files.writeString(dir.resolve(ResultsInputs.DISPATCH), jmh(10, 1, 20, 1).encode());

    ResultsInputs in = ResultsInputs.read(dir);

    assertThat(in.run().getProperty("load.start")).isEqualTo("1.0 2.0 3.0");
    assertThat(in.harnessOneCore()).isNull();
    assertThat(in.dispatch()).hasSize(2);
    assertThat(ResultsTargets.dispatch(in.dispatch()).verdict()).isEqualTo(TargetRow.Verdict.PASS);
  }

  private static ResultsInputs inputs(
      JsonObject harness1,
      JsonObject harness2,
      JsonObject binding,
      JsonObject compat,
      JsonArray dispatch,
      Properties run) {
    return new ResultsInputs(run, harness1, harness2, binding, compat, dispatch);
  }

  private static JsonObject harness(
      List<Double> small, List<Double> large, double insideP99, double steadyP99, long failed) {
    JsonObject harness =
        new JsonObject()
            .put(
                "options",
                "HarnessOptions[connections=16, windowAfterMillis=500, serverCpus=0, clientCpus=1]")
            .put("idle-30", new JsonObject().put("totalNanos", nanos(small)))
            .put(
                "steady",
                new JsonObject()
                    .put("plain", new JsonObject().put("p99Ms", 1.0))
                    .put("hotswap", new JsonObject().put("p99Ms", steadyP99)))
            .put(
                "reloading",
                new JsonObject()
                    .put("windows", 29)
                    .put("inside", new JsonObject().put("p99Ms", insideP99))
                    .put("between", new JsonObject().put("p99Ms", 5.0)))
            .put(
                "requests",
                new JsonObject().put("sent", 1000).put("ok", 1000 - failed).put("failed", failed))
            .put(
                "table",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("measure", "reload | p50")
                            .put("plain", "-")
                            .put("hotswap", "8.0")
                            .put("note", "a note")));
    if (!large.isEmpty()) {
      harness.put("idle-5000", new JsonObject().put("totalNanos", nanos(large)));
    }
    return harness;
  }

  private static JsonArray nanos(List<Double> values) {
    JsonArray out = new JsonArray();
    values.forEach(v -> out.add(v.longValue()));
    return out;
  }

  private static JsonObject wrk(long non2xx, double median, double min, double max, double cpu) {
    JsonArray pairs = new JsonArray();
    pairs.add(pair(1, 2, false, non2xx));
    pairs.add(pair(2, 1, false, 0));
    pairs.add(pair(3, 3, true, 0));
    return new JsonObject()
        .put("options", "CompatThroughputOptions[pairs=3]")
        .put("pinning", "server taskset -c 0, wrk taskset -c 1")
        .put("pairs", pairs)
        .put("discardedNoisyPairs", new JsonArray().add(new JsonObject()))
        .put(
            "summary",
            new JsonObject()
                .put(
                    "requestsPerSecondRatio",
                    new JsonObject().put("median", median).put("min", min).put("max", max))
                .put(
                    "cpuRatio",
                    new JsonObject().put("median", cpu).put("min", 0.9).put("max", 1.1)));
  }

  private static JsonObject pair(int index, int attempts, boolean noisy, long non2xx) {
    return new JsonObject()
        .put("pair", index)
        .put("attempts", attempts)
        .put("noisy", noisy)
        .put("plain", run(100000, 9.0, 1.5, 0.5, 0))
        .put("hotswap", run(98000, 9.1, 1.6, 0.7, non2xx))
        .put("requestsPerSecondRatio", 0.98)
        .put("cpuRatio", 9.0 / 9.1);
  }

  private static JsonObject run(
      double rate, double micros, double load, double other, long non2xx) {
    return new JsonObject()
        .put("requests", 100)
        .put("requestsPerSecond", rate)
        .put("cpuMicrosPerRequest", micros)
        .put("loadAverage1", load)
        .put("serverCoreOtherPercent", other)
        .put("non2xx", non2xx)
        .put("socketErrors", 0);
  }

  private static JsonArray jmh(
      double direct, double directError, double hotswap, double hotswapError) {
    return new JsonArray()
        .add(result("direct", direct, directError, 32))
        .add(result("hotswap", hotswap, hotswapError, 312));
  }

  private static JsonObject result(String method, double score, double error, double bytes) {
    return new JsonObject()
        .put("benchmark", "io.hotswap.benchmarks.DispatchCostBenchmark." + method)
        .put("primaryMetric", new JsonObject().put("score", score).put("scoreError", error))
        .put(
            "secondaryMetrics",
            new JsonObject().put("gc.alloc.rate.norm", new JsonObject().put("score", bytes)));
  }
}
