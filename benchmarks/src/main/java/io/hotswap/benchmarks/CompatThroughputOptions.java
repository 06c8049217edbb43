package io.hotswap.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flags of {@link CompatThroughput}, {@code --name value}; the defaults take about 4 minutes.
 * Unknown flags are refused.
 *
 * @param pairs plain/hotswap pairs, each run in a fresh JVM
 * @param warmupSeconds wrk seconds against each fresh server before measuring
 * @param seconds measured wrk seconds per run
 * @param threads wrk threads
 * @param connections wrk keep-alive connections
 * @param serverCpus cores the servers are pinned to ({@code taskset -c}), or null
 * @param clientCpus cores wrk (and jcmd, jfr) are pinned to, or null
 * @param profile {@code auto} (profile with JFR when the median CPU ratio misses), {@code always}
 *     or {@code never}
 */
record CompatThroughputOptions(
    int pairs,
    int warmupSeconds,
    int seconds,
    int threads,
    int connections,
    String serverCpus,
    String clientCpus,
    String profile) {

  private static final Map<String, String> DEFAULTS =
      Map.of(
          "pairs", "6",
          "warmup-seconds", "5",
          "seconds", "10",
          "threads", "1",
          "connections", "32",
          "server-cpus", "0",
          "client-cpus", "1",
          "profile", "auto");

  /** Parses {@code args}; throws on an unknown flag. */
  static CompatThroughputOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>(DEFAULTS);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!DEFAULTS.containsKey(flag) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "unknown flag or missing value: "
                + args[i]
                + "; flags and defaults: "
                + new TreeMap<>(DEFAULTS));
      }
      values.put(flag, args[++i]);
    }
    String profile = values.get("profile");
    if (!profile.equals("auto") && !profile.equals("always") && !profile.equals("never")) {
      throw new IllegalArgumentException("--profile is auto, always or never, was " + profile);
    }
    return new CompatThroughputOptions(
        Integer.parseInt(values.get("pairs")),
        Integer.parseInt(values.get("warmup-seconds")),
        Integer.parseInt(values.get("seconds")),
        Integer.parseInt(values.get("threads")),
        Integer.parseInt(values.get("connections")),
        cpus(values.get("server-cpus")),
        cpus(values.get("client-cpus")),
        profile);
  }

  private static String cpus(String value) {
    return "none".equals(value) || !Pinning.available() ? null : value;
  }
}
