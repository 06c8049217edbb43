package io.hotswap.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A real second JVM running {@code hotswap run} on the test classpath, its output in a log file.
 * Not thread-safe; one per test.
 */
final class HotSwapProcess implements AutoCloseable {
  private static final Pattern SERVING =
      Pattern.compile("serving (?:http://localhost:(\\d+)/|.* on \\[.*?http:\\d+ \\((\\d+)\\))");

  private final Process process;
  private final Path log;
  private final int port;

  private HotSwapProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * The arguments of {@code hotswap run} for the core test fixture's host ({@code Fixture}): its
   * code, its HTTP endpoint {@code api} on a free port and its event-bus endpoint {@code greeter},
   * as instance {@code name}, then {@code more}.
   */
  static String[] fixtureHost(Path code, String name, String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--code",
                code.toString(),
                "--http",
                "0",
                "--http-name",
                "api",
                "--event-bus",
                "greeter=greeter.address",
                "--name",
                name));
    arguments.addAll(List.of(more));
    return arguments.toArray(String[]::new);
  }

  /** Starts {@code hotswap run} with {@code arguments} and waits until it serves. */
  static HotSwapProcess run(Path workDir, String... arguments) {
    return run(workDir, List.of("-Xmx256m"), arguments);
  }

  /** Starts {@code hotswap run} in a JVM with {@code jvmArguments}; waits until it serves. */
  static HotSwapProcess run(Path workDir, List<String> jvmArguments, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArguments);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(HotSwapCli.class.getName());
    command.add("run");
    command.addAll(List.of(arguments));
    Path log = workDir.resolve("hotswap-run-" + System.nanoTime() + ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      int[] port = new int[1];
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError("hotswap run exited early:\n" + Files.readString(log));
                }
                Matcher serving = SERVING.matcher(Files.readString(log));
                if (serving.find()) {
                  String found = serving.group(1) != null ? serving.group(1) : serving.group(2);
                  port[0] = Integer.parseInt(found);
                  return true;
                }
                return false;
              });
      return new HotSwapProcess(process, log, port[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Process process() {
    return process;
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to end and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("hotswap run still running after " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  /**
   * Kills the process and what it started (a host JVM of its own when the application brings its
   * platform), leaving nothing running.
   */
  @Override
  public void close() {
    List<ProcessHandle> started = process.descendants().toList();
    process.destroyForcibly();
    started.forEach(ProcessHandle::destroyForcibly);
  }
}
