package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.CliRun;
import io.hotswap.testing.Fixture;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotswap run --health 0 --dashboard 0} in a real second JVM: both servers answer, a reload
 * from the command line shows in {@code /ready}, {@code /ready} is 503 while {@code hotswap stop}
 * drains a request in flight and the process then ends cleanly; a non-loopback address without its
 * allow option is a usage error.
 */
class ObserveCliIT {
  private static final Pattern READY =
      Pattern.compile("readiness on http://127\\.0\\.0\\.1:(\\d+)/ready");
  private static final Pattern DASHBOARD =
      Pattern.compile("dashboard on http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path workDir;
  private final String name = "observe-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void run_withHealthAndDashboard_servesThemUntilStopped() throws Exception {
    Path code = workDir.resolve("code");
    Fixture.install(Fixture.V1.compile(workDir), code);
    try (HotSwapProcess instance =
        HotSwapProcess.run(
            workDir, HotSwapProcess.fixtureHost(code, name, "--health", "0", "--dashboard", "0"))) {
      int health = port(READY, instance);
      int dashboard = port(DASHBOARD, instance);
      HttpResponse<String> ready = get(health, "/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(generation(ready)).isEqualTo(1);
      assertThat(get(dashboard, "/").body()).contains("hotswap dashboard");

      Fixture.install(Fixture.V2.compile(workDir), code);
      CliRun reload = CliRun.of("reload", "--name", name);
      assertThat(reload.exitCode()).as(reload.text()).isZero();
      assertThat(generation(get(health, "/ready"))).isEqualTo(2);
      JsonObject alive = new JsonObject(get(health, "/health").body());
      assertThat(alive.getString("status")).isEqualTo("UP");
      assertThat(
              alive
                  .getJsonArray("checks")
                  .getJsonObject(0)
                  .getJsonObject("data")
                  .getJsonObject("lastReload")
                  .getString("status"))
          .isEqualTo("ACTIVATED");

      // hotswap stop while a request is in flight: /ready is 503 during the drain.
      CompletableFuture<HttpResponse<String>> held =
          http.sendAsync(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + instance.port() + "/slow?ms=10000"))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  new JsonObject(CliRun.of("status", "--json", "--name", name).out())
                      .getJsonArray("generations").stream()
                          .map(JsonObject.class::cast)
                          .anyMatch(g -> g.getLong("id") == 2 && g.getInteger("inFlight") > 0));
      CompletableFuture<CliRun> stopping =
          CompletableFuture.supplyAsync(
              () -> CliRun.of("stop", "--name", name, "--timeout", "60s"));
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> get(health, "/ready").statusCode() == 503);
      assertThat(held.isDone()).as("the held request is still draining").isFalse();
      assertThat(new JsonObject(get(health, "/ready").body()).getString("status"))
          .isEqualTo("DOWN");
      assertThat(held.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      CliRun stop = stopping.get(60, TimeUnit.SECONDS);
      assertThat(stop.exitCode()).as(stop.text()).isZero();
      assertThat(instance.awaitExit(Duration.ofSeconds(30))).isZero();
    }
  }

  @Test
  void run_remoteHealthWithoutAllow_isAUsageError() {
    CliRun run =
        CliRun.of("run", "--code", workDir.toString(), "--name", name, "--health", "0.0.0.0:0");
    assertThat(run.exitCode()).as(run.text()).isEqualTo(2);
    assertThat(run.err()).contains("--health-allow-remote");
  }

  private static int port(Pattern pattern, HotSwapProcess instance) {
    int[] port = new int[1];
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Matcher found = pattern.matcher(instance.output());
              if (found.find()) {
                port[0] = Integer.parseInt(found.group(1));
                return true;
              }
              return false;
            });
    return port[0];
  }

  private static long generation(HttpResponse<String> ready) {
    return new JsonObject(ready.body())
        .getJsonArray("checks")
        .getJsonObject(0)
        .getJsonObject("data")
        .getLong("generation");
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
