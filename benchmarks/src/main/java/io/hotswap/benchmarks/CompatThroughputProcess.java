package io.hotswap.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A server child JVM of {@link CompatThroughput} ({@link ThroughputApp#command}: {@link
 * CompatThroughputServer} or {@link ServerMain}) on the benchmark's class path, with the
 * benchmark's JVM flags ({@code -Xms512m -Xmx512m} plus {@code extraJvmArgs}), optionally pinned to
 * cores; its output goes to a log file. {@link #start} returns once the server answers the app's
 * path with the expected body.
 *
 * <p>Thread-safe: the output is pumped by a daemon thread; the rest is set once at start.
 */
final class CompatThroughputProcess implements AutoCloseable {
  /** The JVM flags both servers run with. */
  static final List<String> JVM_FLAGS = List.of("-Xms512m", "-Xmx512m");

  private final Process process;
  private final ThroughputApp app;
  private final int port;
  private final String detail;

  private CompatThroughputProcess(Process process, ThroughputApp app, int port, String detail) {
    this.process = process;
    this.app = app;
    this.port = port;
    this.detail = detail;
  }

  /**
   * Starts {@code app}'s server in {@code mode} ({@code plain} or {@code hotswap}) on {@code code}.
   */
  static CompatThroughputProcess start(
      ThroughputApp app, String mode, Path code, String cpus, List<String> extraJvmArgs, Path log) {
    int port = freePort();
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.addAll(JVM_FLAGS);
    java.addAll(extraJvmArgs);
    java.addAll(List.of("-cp", System.getProperty("java.class.path")));
    java.addAll(app.command(mode, code, port));
    Process process = null;
    try {
      process = new ProcessBuilder(Pinning.pinned(cpus, java)).redirectErrorStream(true).start();
      CompletableFuture<String> ready = new CompletableFuture<>();
      Process started = process;
      Thread pump = new Thread(() -> pump(started, log, ready), "hotswap-bench-output-" + mode);
      pump.setDaemon(true);
      pump.start();
      String detail = ready.get(90, TimeUnit.SECONDS);
      CompatThroughputProcess server = new CompatThroughputProcess(process, app, port, detail);
      server.check();
      return server;
    } catch (Exception e) {
      if (process != null) {
        process.destroyForcibly();
      }
      throw new IllegalStateException(mode + " server did not start, see " + log, e);
    }
  }

  private void check() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(url())).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 || !app.body().equals(response.body())) {
      throw new IllegalStateException(
          "GET " + url() + " answered " + response.statusCode() + " " + response.body());
    }
  }

  private static void pump(Process process, Path log, CompletableFuture<String> ready) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        out.flush();
        if (line.startsWith("READY ")) {
          ready.complete(line.substring(line.indexOf(' ', "READY ".length()) + 1));
        }
      }
      ready.completeExceptionally(new IllegalStateException("server exited, see " + log));
    } catch (IOException e) {
      ready.completeExceptionally(new UncheckedIOException(e));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The measured URL. */
  String url() {
    return "http://127.0.0.1:" + port + app.path();
  }

  /** What the server said when it was ready (event loops, cores, the first generation). */
  String detail() {
    return detail;
  }

  /** The process id (that of the JVM: {@code taskset} execs it). */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
