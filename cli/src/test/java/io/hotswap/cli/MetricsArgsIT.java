package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.HttpAnswer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code --metrics}: a real instance's meters served on {@code GET /metrics} in the Prometheus text
 * format 0.0.4, read by a strict parser of that format while the instance reloads.
 */
class MetricsArgsIT {
  private static final int REQUESTS = 25;

  @TempDir Path workDir;

  @Command(name = "host")
  static final class Host {
    @Mixin MetricsArgs metrics;
  }

  @Test
  void metrics_afterRequestsAndAReload_scrapeParsesAndCountsThem() throws java.io.IOException {
    Host host = new Host();
    new CommandLine(host).parseArgs("--metrics", "0");
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      host.metrics.start(harness.vertx(), harness.hotSwap());
      HttpClient client =
          harness
              .clientVertx()
              .createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(2));
      try {
        for (int i = 0; i < REQUESTS; i++) {
          assertThat(harness.get("/").status()).isEqualTo(200);
        }
        assertThat(harness.install(Fixture.V2).activated()).isTrue();
        GenerationInfo active = harness.hotSwap().activeGeneration().orElseThrow();
        int port = host.metrics.port();
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  HttpAnswer answer = Harness.await(Harness.get(client, port, "/metrics"));
                  assertThat(answer.status()).isEqualTo(200);
                  Map<String, PrometheusTextParser.Family> families =
                      PrometheusTextParser.parse(answer.body());
                  assertThat(
                          value(
                              families,
                              "hotswap_reloads_total",
                              "counter",
                              Map.of("outcome", "activated", "trigger", "start")))
                      .isEqualTo(1.0);
                  assertThat(
                          value(
                              families,
                              "hotswap_reloads_total",
                              "counter",
                              Map.of("outcome", "activated", "trigger", "test")))
                      .isEqualTo(1.0);
                  assertThat(value(families, "hotswap_requests_total", "counter", Map.of()))
                      .isEqualTo(REQUESTS);
                  assertThat(samples(families, "hotswap_generation_active", "gauge"))
                      .singleElement()
                      .satisfies(
                          s ->
                              assertThat(s.labels())
                                  .containsEntry("generation", Long.toString(active.id()))
                                  .containsEntry("snapshot", active.snapshotId()));
                  assertThat(samples(families, "hotswap_generations", "gauge"))
                      .hasSize(GenerationState.values().length);
                  assertThat(samples(families, "hotswap_generation_requests_total", "counter"))
                      .anySatisfy(
                          s ->
                              assertThat(s.labels())
                                  .containsEntry("generation", Long.toString(active.id())));
                  assertThat(samples(families, "hotswap_generation_in_flight", "gauge"))
                      .isNotEmpty();
                  assertThat(samples(families, "hotswap_generation_errors_total", "counter"))
                      .isNotEmpty()
                      .allSatisfy(s -> assertThat(s.value()).isZero());
                  // Every request the test sent was timed: --metrics turns timing on at start.
                  assertThat(
                          samples(
                                  families,
                                  "hotswap_generation_request_duration_seconds",
                                  "summary")
                              .stream()
                              .filter(s -> s.name().endsWith("_count"))
                              .mapToDouble(PrometheusTextParser.Sample::value)
                              .sum())
                      .isEqualTo(REQUESTS);
                  assertThat(samples(families, "hotswap_loaders", "gauge")).hasSize(3);
                  assertThat(
                          samples(families, "hotswap_reload_duration_seconds", "summary").stream()
                              .filter(s -> s.name().endsWith("_count"))
                              .filter(s -> "total".equals(s.labels().get("phase")))
                              .findFirst()
                              .orElseThrow()
                              .value())
                      .isEqualTo(2.0);
                  assertThat(samples(families, "hotswap_drain_duration_seconds", "summary"))
                      .isNotEmpty();
                });
        HttpAnswer typed = Harness.await(Harness.get(client, port, "/metrics"));
        assertThat(typed.body()).contains("# TYPE hotswap_reloads_total counter");
        // Kept for reading: what a scrape looks like.
        java.nio.file.Files.writeString(Path.of("target", "metrics-scrape.txt"), typed.body());
        String contentType =
            Harness.await(
                client
                    .request(HttpMethod.GET, port, "127.0.0.1", "/metrics")
                    .compose(request -> request.send())
                    .compose(
                        response ->
                            response.body().map(body -> response.getHeader("Content-Type"))));
        assertThat(contentType).isEqualTo(MetricsArgs.CONTENT_TYPE);
        assertThat(Harness.await(Harness.get(client, port, "/other")).status()).isEqualTo(404);
      } finally {
        Harness.await(client.close());
        host.metrics.close();
      }
      assertThat(host.metrics.port()).isEqualTo(-1);
    }
  }

  private static List<PrometheusTextParser.Sample> samples(
      Map<String, PrometheusTextParser.Family> families, String name, String type) {
    PrometheusTextParser.Family family = families.get(name);
    assertThat(family).as(name + " in " + families.keySet()).isNotNull();
    assertThat(family.type()).isEqualTo(type);
    return family.samples();
  }

  private static double value(
      Map<String, PrometheusTextParser.Family> families,
      String name,
      String type,
      Map<String, String> labels) {
    return samples(families, name, type).stream()
        .filter(s -> s.labels().equals(labels))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + labels))
        .value();
  }
}
