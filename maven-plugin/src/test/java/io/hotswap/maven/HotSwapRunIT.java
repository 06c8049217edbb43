package io.hotswap.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.HttpAnswer;
import io.hotswap.testing.LoadDriver;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario with real Maven: {@code mvn hotswap:run} on the sample Vert.x project; an
 * edit switches the answers under load with every request answered; a compile error shows the
 * compiler's message and the previous version keeps serving, and so does a version whose start
 * throws (the reload's FAILED outcome is printed); {@code mvn hotswap:status} in another process
 * shows the generations and {@code mvn hotswap:stop} ends the run with exit 0.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HotSwapRunIT {
  private static final Duration MAVEN = Duration.ofSeconds(120);
  private static final HttpClient PROBE = HttpClient.newHttpClient();

  @TempDir Path temp;
  private MavenRun run;
  private Vertx vertx;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (run != null) {
      run.end();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void run_editsCompileErrorAndFailingStartUnderLoad_switchesAnswersWithoutFailures()
      throws Exception {
    SampleProject sample = SampleProject.copyTo(temp.resolve("sample"));
    int port = freePort();
    String name = "plugin-it-" + port;
    Path logs = Path.of("target", "it-logs");
    java.nio.file.Files.createDirectories(logs);
    run =
        MavenRun.start(
            sample,
            logs.resolve("run.log"),
            "hotswap:run",
            "-Dhotswap.name=" + name,
            "-Dhotswap.conf={\"http.port\":" + port + "}",
            "-Dhotswap.drainTimeout=10s");
    await("the sample serves v1")
        .atMost(MAVEN)
        .pollInterval(Duration.ofMillis(500))
        .failFast("mvn hotswap:run ended", () -> !run.isAlive())
        .until(() -> "v1".equals(get(port)));
    await("the run watches the sources")
        .atMost(Duration.ofSeconds(30))
        .until(() -> run.output().contains("hotswap: watching"));
    run.recordDescendants();

    vertx = Vertx.vertx();
    LoadDriver load = new LoadDriver(vertx, port, "/hello", 16).start();
    await().atMost(Duration.ofSeconds(30)).until(() -> load.ok() > 200);

    long edited = System.nanoTime();
    sample.greetingReturns("return \"v2\";");
    await("the answers switch to v2")
        .atMost(Duration.ofSeconds(60))
        .until(() -> bodiesSince(load, edited).contains("v2"));
    await("the reload outcome line")
        .atMost(Duration.ofSeconds(30))
        .until(() -> run.output().contains(name + ": gen-2 ACTIVATED"));

    long broken = System.nanoTime();
    sample.greetingReturns("return \"v3\" +;");
    await("the compiler's message")
        .atMost(Duration.ofSeconds(60))
        .until(() -> run.output().contains("Greeting.java:8: error:"));
    assertThat(run.output()).contains("compilation failed").contains("keeps serving");
    // Well after the compiler spoke, the previous version still answers, and nothing else does.
    await("v2 keeps serving through the compile error")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> bodiesSince(load, broken).equals(Set.of("v2")));

    long failing = System.nanoTime();
    sample.greetingReturns("throw new IllegalStateException(\"broken on purpose\");");
    await("the failed reload's outcome")
        .atMost(Duration.ofSeconds(60))
        .until(() -> run.output().contains(name + ": gen-3 FAILED"));
    assertThat(run.output()).contains("reload failed").contains("broken on purpose");
    await("v2 keeps serving through the failed reload")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> bodiesSince(load, failing).equals(Set.of("v2")));

    long fixed = System.nanoTime();
    sample.greetingReturns("return \"v3\";");
    await("the answers switch to v3")
        .atMost(Duration.ofSeconds(60))
        .until(() -> bodiesSince(load, fixed).contains("v3"));
    load.stop();

    System.out.printf(
        "HotSwapRunIT: %d requests sent, %d ok, %d failed during the edits%n",
        load.sent(), load.ok(), load.failed());
    run.output()
        .lines()
        .filter(
            line ->
                line.contains("ACTIVATED")
                    || line.contains("FAILED")
                    || line.contains("compiled ")
                    || line.contains("error:"))
        .forEach(line -> System.out.println("HotSwapRunIT: " + line));
    assertThat(load.failures()).isEmpty();
    assertThat(load.failed()).isZero();
    assertThat(load.ok()).isEqualTo(load.sent()).isGreaterThan(200);
    assertThat(bodies(load.answers())).containsExactlyInAnyOrder("v1", "v2", "v3");

    MavenRun status =
        MavenRun.start(
            sample, logs.resolve("status.log"), "hotswap:status", "-Dhotswap.name=" + name);
    assertThat(status.awaitExit(MAVEN)).as(status.output()).isZero();
    assertThat(status.output())
        .contains("hotswap '" + name + "'")
        .contains("GEN")
        .containsPattern("\\b3 +FAILED\\b")
        .containsPattern("\\b4 +ACTIVE\\b");

    MavenRun reload =
        MavenRun.start(
            sample, logs.resolve("reload.log"), "hotswap:reload", "-Dhotswap.name=" + name);
    assertThat(reload.awaitExit(MAVEN)).as(reload.output()).isZero();
    assertThat(reload.output()).containsPattern(name + ": gen-5 (ACTIVATED|UNCHANGED)");
    assertThat(get(port)).isEqualTo("v3");

    MavenRun stop =
        MavenRun.start(sample, logs.resolve("stop.log"), "hotswap:stop", "-Dhotswap.name=" + name);
    assertThat(stop.awaitExit(MAVEN)).as(stop.output()).isZero();
    assertThat(run.awaitExit(Duration.ofSeconds(60))).as(run.output()).isZero();
    assertThat(run.output()).contains("hotswap: '" + name + "' stopped");

    MavenRun gone =
        MavenRun.start(
            sample, logs.resolve("gone.log"), "hotswap:status", "-Dhotswap.name=" + name);
    assertThat(gone.awaitExit(MAVEN)).isNotZero();
    assertThat(gone.output())
        .contains("hotswap status failed (exit 2)")
        .contains("no running hotswap instance named '" + name + "'");
  }

  @Test
  void run_mavenTerminated_stopsTheHostJvm() throws Exception {
    SampleProject sample = SampleProject.copyTo(temp.resolve("sample"));
    int port = freePort();
    run =
        MavenRun.start(
            sample,
            Path.of("target", "it-logs").resolve("terminated.log"),
            "hotswap:run",
            "-Dhotswap.name=plugin-it-" + port,
            "-Dhotswap.conf={\"http.port\":" + port + "}");
    await("the sample serves v1")
        .atMost(MAVEN)
        .pollInterval(Duration.ofMillis(500))
        .failFast("mvn hotswap:run ended", () -> !run.isAlive())
        .until(() -> "v1".equals(get(port)));
    List<ProcessHandle> hosts = run.children();
    assertThat(hosts).as("the host JVM").hasSize(1);

    // SIGTERM, as Ctrl-C's SIGINT: Maven's shutdown hook stops the host, gracefully.
    run.terminate();
    assertThat(run.awaitExit(Duration.ofSeconds(90))).isNotZero();
    await("the host JVM ended").atMost(Duration.ofSeconds(30)).until(() -> !hosts.get(0).isAlive());
    assertThat(get(port)).isNull();
  }

  private static Set<String> bodiesSince(LoadDriver load, long nanos) {
    return bodies(
        load.answers().stream().filter(answer -> answer.sentNanos() - nanos > 0).toList());
  }

  private static Set<String> bodies(List<HttpAnswer> answers) {
    return answers.stream().map(HttpAnswer::body).collect(Collectors.toSet());
  }

  private static String get(int port) {
    try {
      return PROBE
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
