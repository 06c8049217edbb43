package io.hotswap.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JFR recording with {@code settings=profile} of another JVM, started and stopped with {@code
 * jcmd} around a measured window (so the start-up and the warm-up are not in it), then read with
 * {@code jfr print --stack-depth 128 --events jdk.ExecutionSample}. The JDK's tools run pinned like
 * the load generator.
 *
 * <p>Not thread-safe; one recording per instance.
 */
final class FlightRecording {
  private static final String NAME = "compat-throughput";

  /** Frames per stack, recorded and printed; the JVM records 64 by default. */
  static final int STACK_DEPTH = 128;

  /**
   * The JVM flag a profiled JVM needs so that its stacks are recorded {@link #STACK_DEPTH} deep.
   */
  static final String JVM_FLAG = "-XX:FlightRecorderOptions=stackdepth=" + STACK_DEPTH;

  private final long pid;
  private final Path file;
  private final String cpus;

  private FlightRecording(long pid, Path file, String cpus) {
    this.pid = pid;
    this.file = file;
    this.cpus = cpus;
  }

  /** Starts recording JVM {@code pid} into {@code file}. */
  static FlightRecording start(long pid, Path file, String cpus)
      throws IOException, InterruptedException {
    FlightRecording recording = new FlightRecording(pid, file, cpus);
    recording.jcmd("JFR.start", "name=" + NAME, "settings=profile");
    return recording;
  }

  /** Stops the recording, writes the file and returns its execution samples. */
  ExecutionProfile stop() throws IOException, InterruptedException {
    jcmd("JFR.stop", "name=" + NAME, "filename=" + file);
    Path text = file.resolveSibling(file.getFileName() + ".txt");
    // jfr print shows 5 frames of a stack unless told otherwise: the frames below would be lost.
    run(
        List.of(
            tool("jfr"),
            "print",
            "--stack-depth",
            Integer.toString(STACK_DEPTH),
            "--events",
            "jdk.ExecutionSample",
            file.toString()),
        text);
    return ExecutionProfile.parse(Files.readString(text, StandardCharsets.UTF_8));
  }

  private void jcmd(String... command) throws IOException, InterruptedException {
    List<String> args = new java.util.ArrayList<>(List.of(tool("jcmd"), Long.toString(pid)));
    args.addAll(List.of(command));
    run(args, file.resolveSibling(file.getFileName() + "." + command[0] + ".log"));
  }

  private void run(List<String> command, Path output) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(Pinning.pinned(cpus, command))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "failed: " + command + ": " + Files.readString(output, StandardCharsets.UTF_8));
    }
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }
}
