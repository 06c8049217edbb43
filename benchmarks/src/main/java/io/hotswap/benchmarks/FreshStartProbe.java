package io.hotswap.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The restart-instead baseline: starts the same application ({@link ServerMain} in hotswap mode
 * over the same module) in a fresh JVM and measures the time from just before the process is
 * spawned to its first 200 answer, polling every 2 ms.
 *
 * <p>Not thread-safe; one probe at a time (the ports are picked free just before use).
 */
final class FreshStartProbe {
  private FreshStartProbe() {}

  /** Nanoseconds to the first 200 response of a fresh JVM serving the module in {@code codeDir}. */
  static long timeToFirstResponse(Path codeDir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
            .timeout(Duration.ofSeconds(2))
            .build();
    List<String> command =
        ServerProcess.command(
            null, null, List.of("hotswap", Integer.toString(port), "-1", "1", codeDir.toString()));
    long began = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      long deadline = began + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        try {
          HttpResponse<Void> response =
              client.send(request, HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) {
            return System.nanoTime() - began;
          }
        } catch (IOException notYet) {
          // connection refused: not listening yet
        }
        if (!process.isAlive()) {
          throw new IllegalStateException("fresh JVM exited with " + process.exitValue());
        }
        Thread.sleep(2);
      }
      throw new IllegalStateException("fresh JVM did not answer within 60 s");
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
