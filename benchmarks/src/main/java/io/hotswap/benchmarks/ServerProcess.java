package io.hotswap.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ServerMain} child process on the same classpath, optionally pinned to a set of cores
 * with {@code taskset}; its output goes to a log file under the output directory. The system
 * property {@code hotswap.bench.serverJvmArgs} adds JVM flags (for example a flight recording).
 *
 * <p>Thread-safe: the output is pumped by a daemon thread; the ports are set once at start.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final int controlPort;

  private ServerProcess(Process process, int port, int controlPort) {
    this.process = process;
    this.port = port;
    this.controlPort = controlPort;
  }

  /**
   * The command that runs {@link ServerMain} with {@code args}, pinned to {@code cpus} if set. A
   * named server ({@code name} not null) also gets the JVM flags of {@code
   * hotswap.bench.serverJvmArgs}, with {@code {name}} replaced by its name (so that each server
   * writes its own flight recording).
   */
  static List<String> command(String name, String cpus, List<String> args) {
    List<String> command = new ArrayList<>();
    if (cpus != null && Files.isExecutable(Path.of("/usr/bin/taskset"))) {
      command.addAll(List.of("/usr/bin/taskset", "-c", cpus));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC"));
    String extra = System.getProperty("hotswap.bench.serverJvmArgs", "").trim();
    if (name != null && !extra.isEmpty()) {
      command.addAll(List.of(extra.replace("{name}", name).split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(ServerMain.class.getName());
    command.addAll(args);
    return command;
  }

  /** Starts a server and waits (up to 60 s) until it prints its ports. */
  static ServerProcess start(String name, String cpus, List<String> args) {
    try {
      Path log = BenchPaths.outputDir().resolve("server-" + name + ".log");
      Process process =
          new ProcessBuilder(command(name, cpus, args)).redirectErrorStream(true).start();
      CompletableFuture<int[]> ready = new CompletableFuture<>();
      Thread pump =
          new Thread(() -> pump(process, log, ready), "hotswap-bench-server-output-" + name);
      pump.setDaemon(true);
      pump.start();
      int[] ports = ready.get(60, TimeUnit.SECONDS);
      return new ServerProcess(process, ports[0], ports[1]);
    } catch (Exception e) {
      throw new IllegalStateException("server " + name + " did not start", e);
    }
  }

  private static void pump(Process process, Path log, CompletableFuture<int[]> ready) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        out.flush();
        if (line.startsWith("READY ")) {
          String[] parts = line.split(" ");
          ready.complete(new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2])});
        }
      }
      ready.completeExceptionally(new IllegalStateException("server exited, see " + log));
    } catch (IOException e) {
      ready.completeExceptionally(new UncheckedIOException(e));
    }
  }

  /** The port of the served application. */
  int port() {
    return port;
  }

  /** The control port ({@link ControlApi}), or -1. */
  int controlPort() {
    return controlPort;
  }

  /** The process id. */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
