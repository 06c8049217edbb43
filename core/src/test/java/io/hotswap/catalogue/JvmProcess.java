package io.hotswap.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM of a catalogue test (the launcher application's plain run, or {@code hotswap run}),
 * with a class path of the test's choosing and its output in a log file.
 *
 * <p>Not thread-safe; one per side.
 */
final class JvmProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private JvmProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java -Xmx256m <jvmArgs> -cp classpath mainClass args}. */
  static JvmProcess start(
      Path workDir,
      String name,
      List<String> jvmArgs,
      String classpath,
      String mainClass,
      List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    Path log = workDir.resolve(name + ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new JvmProcess(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the JVM still runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** Everything it printed so far. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
