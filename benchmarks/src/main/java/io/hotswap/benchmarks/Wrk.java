package io.hotswap.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code wrk} HTTP load generator (Debian's package) as a child process, optionally pinned
 * with {@code taskset}, and parses its summary.
 *
 * <p>Immutable and thread-safe; each {@link #run} is its own process.
 */
final class Wrk {
  private static final Pattern REQUESTS =
      Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m|h)");
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private final Path executable;
  private final String cpus;
  private final int threads;
  private final int connections;

  /**
   * A wrk of {@code threads} threads and {@code connections} keep-alive connections, pinned to
   * {@code cpus} when that is not null.
   */
  Wrk(Path executable, String cpus, int threads, int connections) {
    this.executable = executable;
    this.cpus = cpus;
    this.threads = threads;
    this.connections = connections;
  }

  /** The {@code wrk} executable on the {@code PATH}, if any. */
  static Optional<Path> find() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "wrk"));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /** Loads {@code url} for {@code seconds} and returns wrk's summary. */
  Result run(String url, int seconds) throws IOException, InterruptedException {
    List<String> command =
        Pinning.pinned(
            cpus,
            List.of(
                executable.toString(),
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                url));
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
      wrk.destroyForcibly();
      throw new IllegalStateException("wrk did not finish: " + output);
    }
    return Result.parse(output, wrk.exitValue());
  }

  /**
   * What one wrk run reports.
   *
   * @param requests completed requests
   * @param seconds the run's duration as wrk measured it
   * @param requestsPerSecond wrk's {@code Requests/sec}
   * @param non2xx responses with a status of 400 or more ({@code Non-2xx or 3xx responses})
   * @param socketErrors connect, read, write and timeout errors
   * @param output wrk's output
   */
  record Result(
      long requests,
      double seconds,
      double requestsPerSecond,
      long non2xx,
      long socketErrors,
      String output) {

    /** Whether every request was answered without a socket error or an error status. */
    boolean clean() {
      return requests > 0 && non2xx == 0 && socketErrors == 0;
    }

    static Result parse(String output, int exitValue) {
      Matcher requests = REQUESTS.matcher(output);
      Matcher rate = RATE.matcher(output);
      if (exitValue != 0 || !requests.find() || !rate.find()) {
        throw new IllegalStateException("wrk failed (exit " + exitValue + "): " + output);
      }
      double seconds =
          Double.parseDouble(requests.group(2))
              * switch (requests.group(3)) {
                case "us" -> 1e-6;
                case "ms" -> 1e-3;
                case "m" -> 60;
                case "h" -> 3600;
                default -> 1;
              };
      Matcher non2xx = NON_2XX.matcher(output);
      Matcher errors = SOCKET_ERRORS.matcher(output);
      long socketErrors = 0;
      if (errors.find()) {
        for (int i = 1; i <= 4; i++) {
          socketErrors += Long.parseLong(errors.group(i));
        }
      }
      return new Result(
          Long.parseLong(requests.group(1)),
          seconds,
          Double.parseDouble(rate.group(1)),
          non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
          socketErrors,
          output);
    }

    /** Both windows as one: requests, time and errors summed, the rate over the summed time. */
    Result plus(Result other) {
      long total = requests + other.requests;
      double time = seconds + other.seconds;
      return new Result(
          total,
          time,
          total / time,
          non2xx + other.non2xx,
          socketErrors + other.socketErrors,
          output + other.output);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d requests in %.2f s, %.0f req/s, %d non-2xx, %d socket errors",
          requests,
          seconds,
          requestsPerSecond,
          non2xx,
          socketErrors);
    }
  }
}
