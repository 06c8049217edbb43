package io.hotswap.maven;

import io.hotswap.cli.HostJvmFlags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The host JVM, a child process running {@code io.hotswap.cli.HotSwapCli run}: started with the
 * flags {@code bin/hotswap} uses, its output (standard error merged) handed line by line to the
 * build log, and stopped gracefully: SIGTERM, which the host answers by draining and exiting 0,
 * then a forced kill only if it is still there after the stop timeout. A JVM shutdown hook stops it
 * when Maven is interrupted (Ctrl-C), so no host outlives the build.
 *
 * <p>Design: one daemon thread, {@code hotswap-host-output-1}, copies the output and counts down
 * the ready latch when the host prints its {@code serving} line. {@link #stop} may be called from
 * any thread, more than once.
 */
final class HostProcess {
  private final Process process;
  private final Duration stopTimeout;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Thread shutdownHook;
  private final Thread pump;

  private HostProcess(
      Process process, Duration stopTimeout, String servingLine, Consumer<String> output) {
    this.process = process;
    this.stopTimeout = stopTimeout;
    this.shutdownHook = new Thread(this::stop, "hotswap-host-stop-1");
    this.pump = new Thread(() -> copyOutput(servingLine, output), "hotswap-host-output-1");
    pump.setDaemon(true);
  }

  /**
   * Starts the host.
   *
   * @param jvmArgs extra JVM flags, after the default ones (the last flag wins)
   * @param runArgs the arguments of {@code hotswap run}
   * @param name the instance name, to recognise the host's {@code serving} line
   * @param output where each line the host prints goes
   */
  static HostProcess start(
      HostClasspath classpath,
      List<String> jvmArgs,
      List<String> runArgs,
      String name,
      Path workingDirectory,
      Duration stopTimeout,
      Consumer<String> output)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A host that ran out of memory exits instead of holding the port and answering nothing.
    command.add("-XX:+ExitOnOutOfMemoryError");
    // The host stops when this Maven JVM is gone, even killed outright (the cli's LauncherWatch).
    command.add("-Dhotswap.launcher.pid=" + ProcessHandle.current().pid());
    command.addAll(HostJvmFlags.addOpens());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath.asArgument());
    command.add("io.hotswap.cli.HotSwapCli");
    command.add("run");
    command.addAll(runArgs);
    Process process =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .start();
    HostProcess host =
        new HostProcess(process, stopTimeout, "hotswap '" + name + "' (pid ", output);
    Runtime.getRuntime().addShutdownHook(host.shutdownHook);
    host.pump.start();
    return host;
  }

  /** Hands every line to {@code output}; the serving line counts down {@link #ready}. */
  private void copyOutput(String servingLine, Consumer<String> output) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.accept(line);
        if (line.startsWith(servingLine)) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      // The host ended; its exit code says how.
    }
  }

  /** The host's pid. */
  long pid() {
    return process.pid();
  }

  /**
   * Waits until the host serves or ends, whichever comes first.
   *
   * @return true when it serves
   */
  boolean awaitServing(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (ready.await(100, TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (!process.isAlive()) {
        awaitOutput();
        return ready.getCount() == 0;
      }
    }
    return false;
  }

  /** The host's exit code once it ended. */
  Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  /** Waits for the host to end (a {@code hotswap:stop}, a signal) and answers its exit code. */
  int awaitExit() throws InterruptedException {
    int exitCode = process.waitFor();
    awaitOutput();
    removeShutdownHook();
    return exitCode;
  }

  /** Lets the last lines of an ended host reach the log before the goal reports. */
  private void awaitOutput() throws InterruptedException {
    pump.join(TimeUnit.SECONDS.toMillis(5));
  }

  /** Stops the host gracefully, forcibly after the stop timeout; returns once it ended. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the host and no longer needs the shutdown hook. */
  void close() {
    stop();
    removeShutdownHook();
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting: the hook runs (or ran) and stops the host.
    }
  }
}
