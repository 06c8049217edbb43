package io.hotswap.maven;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code mvn} run on a sample project, in a process of its own, offline against a private
 * local repository: its output is kept (and written to a log file) for the test to wait on.
 *
 * <p>Thread-safe: the output is appended by one pump thread and read under its lock.
 */
final class MavenRun {
  private final Process process;
  private final StringBuilder output = new StringBuilder();
  private final List<ProcessHandle> descendants = new ArrayList<>();

  private MavenRun(Process process, Path log) {
    this.process = process;
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  Files.writeString(
                      log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
              } catch (IOException e) {
                // The process ended.
              }
            },
            "maven-run-output");
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts {@code mvn <args>} in {@code project}, its output logged to {@code log}. */
  static MavenRun start(SampleProject project, Path log, String... args) {
    List<String> command = new ArrayList<>(project.mavenCommand());
    command.addAll(List.of(args));
    try {
      Files.deleteIfExists(log);
      return new MavenRun(
          new ProcessBuilder(command)
              .directory(project.dir().toFile())
              .redirectErrorStream(true)
              .start(),
          log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything the run printed so far. */
  String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /** Waits for the run to end and answers its exit code; fails after {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "mvn did not end within " + timeout.toSeconds() + " s; output:\n" + output());
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The processes {@code mvn} started itself. */
  List<ProcessHandle> children() {
    return process.children().toList();
  }

  /** Sends {@code mvn} SIGTERM (its shutdown hooks run, as on Ctrl-C). */
  void terminate() {
    process.destroy();
  }

  /** Remembers the processes it started (the host JVM), to end them however the test ends. */
  void recordDescendants() {
    process.descendants().forEach(descendants::add);
  }

  /**
   * Ends the run if it is still going (Maven's shutdown hook stops the host), then any leftover.
   */
  void end() throws InterruptedException {
    recordDescendants();
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    for (ProcessHandle child : descendants) {
      child.destroyForcibly();
    }
  }
}
