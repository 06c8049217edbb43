package io.hotswap.benchmarks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What one {@code benchmarks/run-results} run left in its results directory, read for {@link
 * ResultsPage}: {@code run.properties} (the command, the mode, times, the machine, load averages,
 * written by the script) and the JSON of each part; a part that did not run (or failed before
 * writing its JSON) is null.
 *
 * @param run the run's properties (empty when the file is missing)
 * @param harnessOneCore {@code load-harness-1core.json}: {@link LoadHarness}, server on one core
 * @param harnessTwoCores {@code load-harness-2core.json}: {@link LoadHarness}, server on two cores
 * @param binding {@code binding-throughput.json}: {@link CompatThroughput} {@code --app binding}
 * @param compat {@code compat-throughput.json}: {@link CompatThroughput} {@code --app compat}
 * @param dispatch {@code dispatch-cost.json}: JMH's result of {@link DispatchCostBenchmark}
 */
record ResultsInputs(
    Properties run,
    JsonObject harnessOneCore,
    JsonObject harnessTwoCores,
    JsonObject binding,
    JsonObject compat,
    JsonArray dispatch) {

  /** The file names the script writes. */
  static final String RUN = "run.properties";

  static final String HARNESS_ONE_CORE = "load-harness-1core.json";
  static final String HARNESS_TWO_CORES = "load-harness-2core.json";
  static final String BINDING = "binding-throughput.json";
  static final String COMPAT = "compat-throughput.json";
  static final String DISPATCH = "dispatch-cost.json";

  /** Reads {@code dir}; missing files are null parts. */
  static ResultsInputs read(Path dir) throws IOException {
    Properties run = new Properties();
    Path properties = dir.resolve(RUN);
    if (Files.exists(properties)) {
      try (Reader in = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
        run.load(in);
      }
    }
    String dispatch = text(dir.resolve(DISPATCH));
    return new ResultsInputs(
        run,
        object(dir.resolve(HARNESS_ONE_CORE)),
        object(dir.resolve(HARNESS_TWO_CORES)),
        object(dir.resolve(BINDING)),
        object(dir.resolve(COMPAT)),
        dispatch == null ? null : new JsonArray(dispatch));
  }

  private static JsonObject object(Path file) throws IOException {
    String text = text(file);
    return text == null ? null : new JsonObject(text);
  }

  private static String text(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
  }
}
