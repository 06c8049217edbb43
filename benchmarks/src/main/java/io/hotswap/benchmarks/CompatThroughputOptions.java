package io.hotswap.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flags of {@link CompatThroughput}, {@code --name value}; the defaults take about 4 minutes,
 * 5½ with the profiled pair. Unknown flags are refused.
 *
 * @param pairs plain/hotswap pairs, each run in a fresh JVM
 * @param warmupSeconds wrk seconds against each fresh server before measuring
 * @param seconds measured wrk seconds per side of a pair, in two slices of half as long
 * @param threads wrk threads
 * @param connections wrk keep-alive connections
 * @param serverCpus cores the servers are pinned to ({@code taskset -c}), or null
 * @param clientCpus cores wrk (and jcmd, jfr) are pinned to, or null
 * @param maxCoreOther the share (percent) of the server's core that others (other processes,
 *     interrupts) may use during a measured run; a pair with a run above it is run again
 * @param retries how many times a noisy pair is run again before it is kept, marked noisy
 * @param profileSeconds measured wrk seconds of each run of the profiled pair (JFR samples a thread
 *     every 10 to 20 ms: a longer window gives more samples)
 * @param profile {@code auto} (profile with JFR when the median CPU ratio misses), {@code always}
 *     or {@code never}
 * @param app what is measured: {@code compat} (compat mode, the default) or {@code binding} (the
 *     binding API), {@link ThroughputApp}
 * @param target the ratio both medians are judged against (PASS at or above it)
 */
record CompatThroughputOptions(
    int pairs,
    int warmupSeconds,
    int seconds,
    int threads,
    int connections,
    String serverCpus,
    String clientCpus,
    int maxCoreOther,
    int retries,
    int profileSeconds,
    String profile,
    ThroughputApp app,
    double target) {

  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("pairs", "6"),
          Map.entry("max-core-other", "5"),
          Map.entry("retries", "2"),
          Map.entry("profile-seconds", "30"),
          Map.entry("warmup-seconds", "5"),
          Map.entry("seconds", "10"),
          Map.entry("threads", "1"),
          Map.entry("connections", "32"),
          Map.entry("server-cpus", "0"),
          Map.entry("client-cpus", "1"),
          Map.entry("profile", "auto"),
          Map.entry("app", "compat"),
          Map.entry("target", "0.95"));

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
        Integer.parseInt(values.get("max-core-other")),
        Integer.parseInt(values.get("retries")),
        Integer.parseInt(values.get("profile-seconds")),
        profile,
        ThroughputApp.parse(values.get("app")),
        Double.parseDouble(values.get("target")));
  }

  private static String cpus(String value) {
    return "none".equals(value) || !Pinning.available() ? null : value;
  }
}
