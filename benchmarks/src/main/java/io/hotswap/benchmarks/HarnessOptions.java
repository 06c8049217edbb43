package io.hotswap.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The load harness's flags, {@code --name value}, with defaults that finish in about 2–3 minutes on
 * 2 cores. Unknown flags are refused.
 *
 * @param connections keep-alive connections of the load client
 * @param rate requests per second of the fixed-rate runs
 * @param warmupSeconds closed-loop warm-up per server before counting
 * @param pairs A/B pairs of the throughput comparison
 * @param pairSeconds closed-loop seconds per side and pair
 * @param steadySeconds fixed-rate seconds without reloads, per server
 * @param warmupReloads reloads under the fixed-rate load before the measured reload windows: the
 *     first reloads after start run the host's reload path cold (classes loaded, code interpreted,
 *     call sites re-profiled), as the first requests run the request path cold; their windows are
 *     reported on a row of their own
 * @param reloadSeconds fixed-rate seconds while reloading
 * @param reloadIntervalMillis time between reload triggers under load
 * @param windowAfterMillis how long after the cutover a reload window lasts
 * @param idleReloads reloads per module size without load
 * @param sizes module sizes (classes) of the idle reload runs
 * @param freshStarts fresh JVM starts for the restart baseline
 * @param serverCpus cores the servers are pinned to ({@code taskset -c}), or {@code none}
 * @param clientCpus cores the harness pins itself to, or {@code none}
 */
record HarnessOptions(
    int connections,
    int rate,
    int warmupSeconds,
    int pairs,
    int pairSeconds,
    int steadySeconds,
    int warmupReloads,
    int reloadSeconds,
    int reloadIntervalMillis,
    int windowAfterMillis,
    int idleReloads,
    List<Integer> sizes,
    int freshStarts,
    String serverCpus,
    String clientCpus) {

  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("connections", "16"),
          Map.entry("rate", "3000"),
          Map.entry("warmup-seconds", "6"),
          Map.entry("pairs", "5"),
          Map.entry("pair-seconds", "4"),
          Map.entry("steady-seconds", "12"),
          Map.entry("warmup-reloads", "3"),
          Map.entry("reload-seconds", "30"),
          Map.entry("reload-interval-ms", "1000"),
          Map.entry("window-after-ms", "200"),
          Map.entry("idle-reloads", "30"),
          Map.entry("sizes", "30,5000"),
          Map.entry("fresh-starts", "3"),
          Map.entry("server-cpus", "0"),
          Map.entry("client-cpus", "1"));

  /** Parses {@code args}; prints usage and throws on an unknown flag. */
  static HarnessOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>(DEFAULTS);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!DEFAULTS.containsKey(flag) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "unknown flag or missing value: " + args[i] + "; flags and defaults: " + DEFAULTS);
      }
      values.put(flag, args[++i]);
    }
    List<Integer> sizes = new ArrayList<>();
    for (String size : values.get("sizes").split(",")) {
      sizes.add(Integer.parseInt(size.trim()));
    }
    return new HarnessOptions(
        integer(values, "connections"),
        integer(values, "rate"),
        integer(values, "warmup-seconds"),
        integer(values, "pairs"),
        integer(values, "pair-seconds"),
        integer(values, "steady-seconds"),
        integer(values, "warmup-reloads"),
        integer(values, "reload-seconds"),
        integer(values, "reload-interval-ms"),
        integer(values, "window-after-ms"),
        integer(values, "idle-reloads"),
        List.copyOf(sizes),
        integer(values, "fresh-starts"),
        cpus(values.get("server-cpus")),
        cpus(values.get("client-cpus")));
  }

  private static int integer(Map<String, String> values, String name) {
    return Integer.parseInt(values.get(name));
  }

  private static String cpus(String value) {
    return "none".equals(value) ? null : value;
  }
}
