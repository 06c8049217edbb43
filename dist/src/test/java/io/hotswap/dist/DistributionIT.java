package io.hotswap.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.catalogue.CatalogueApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user meets it: the archive unpacked into an empty directory with no
 * checkout beside it, an unmodified Vert.x application jar in another directory, the command run
 * from a third: serve, reload under requests, status (also from the runnable jar), stop.
 */
class DistributionIT {
  /** Unique per run: the instance name is locked per user and machine, and runs may overlap. */
  private static final String NAME = "dist-it-" + ProcessHandle.current().pid();

  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]*)\"");
  private static final CatalogueApp REST = CatalogueApp.of("rest", "app.rest.MainVerticle");

  @TempDir Path install;
  @TempDir Path app;
  @TempDir Path elsewhere;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void unpackedDistribution_servesReloadsReportsAndStops_anApplicationJarFromAnotherDirectory()
      throws Exception {
    InstalledDistribution dist = InstalledDistribution.unpack(install, elsewhere);
    Path hotswap = dist.hotswap();
    assertThat(Files.isExecutable(hotswap)).isTrue();
    assertThat(dist.run(List.of(hotswap.toString(), "--version")).output())
        .contains("hotswap " + System.getProperty("hotswap.version"));

    Path jar = app.resolve("rest.jar");
    CatalogueApp.install(REST.jar(app, "v1"), jar);
    int port = InstalledDistribution.freePort();
    Path log = elsewhere.resolve("run.log");
    ProcessBuilder serve =
        new ProcessBuilder(hotswap.toString(), "run", "--name", NAME, "--code", jar.toString())
            .directory(elsewhere.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    serve.environment().put("JAVA_HOME", System.getProperty("java.home"));
    serve.environment().put("HOTSWAP_JAVA_OPTS", "-Xmx256m -Dhttp.port=" + port);
    Process host = serve.start();
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                assertThat(host.isAlive()).as(Files.readString(log)).isTrue();
                return Files.readString(log).contains("serving ");
              });
      assertThat(version(port)).isEqualTo("v1");

      AtomicInteger sent = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      Thread load = requestsUntilInterrupted(port, sent, failed);
      CatalogueApp.install(REST.jar(app, "v2"), jar);
      InstalledDistribution.Result reload =
          dist.run(List.of(hotswap.toString(), "reload", "--name", NAME));
      assertThat(reload.exitCode()).as(reload.output()).isZero();
      assertThat(reload.output()).contains("ACTIVATED");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> version(port).equals("v2"));
      load.interrupt();
      load.join(10_000);
      assertThat(sent.get()).isPositive();
      assertThat(failed.get()).as("failed of %d requests", sent.get()).isZero();

      InstalledDistribution.Result status =
          dist.run(List.of(hotswap.toString(), "status", "--name", NAME, "--json"));
      assertThat(status.exitCode()).as(status.output()).isZero();
      assertThat(status.output()).contains("\"name\" : \"" + NAME + "\"").contains("ACTIVE");

      InstalledDistribution.Result fromJar =
          dist.run(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  System.getProperty("hotswap.dist.jar"),
                  "status",
                  "--name",
                  NAME));
      assertThat(fromJar.exitCode()).as(fromJar.output()).isZero();
      assertThat(fromJar.output()).contains("ACTIVE");

      InstalledDistribution.Result stop =
          dist.run(List.of(hotswap.toString(), "stop", "--name", NAME));
      assertThat(stop.exitCode()).as(stop.output()).isZero();
      assertThat(host.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
      assertThat(host.exitValue()).as(Files.readString(log)).isZero();
    } finally {
      host.destroyForcibly();
    }
  }

  private String version(int port) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/version"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    Matcher version = VERSION.matcher(answer.body());
    assertThat(version.find()).as(answer.body()).isTrue();
    return version.group(1);
  }

  /** Four clients asking for the version until interrupted, counting what they sent and lost. */
  private Thread requestsUntilInterrupted(int port, AtomicInteger sent, AtomicInteger failed) {
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      clients.add(
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  sent.incrementAndGet();
                  try {
                    version(port);
                  } catch (InterruptedException e) {
                    sent.decrementAndGet();
                    return;
                  } catch (IOException | AssertionError e) {
                    failed.incrementAndGet();
                  }
                }
              },
              "dist-client-" + i));
    }
    Thread all =
        new Thread(
            () -> {
              clients.forEach(Thread::start);
              try {
                for (Thread client : clients) {
                  client.join();
                }
              } catch (InterruptedException e) {
                clients.forEach(Thread::interrupt);
                for (Thread client : clients) {
                  try {
                    client.join(10_000);
                  } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }
            },
            "dist-load");
    all.start();
    return all;
  }
}
