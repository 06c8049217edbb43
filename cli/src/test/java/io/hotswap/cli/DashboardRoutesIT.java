package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's routes over HTTP ({@code java.net.http}): the page, the event stream, and a
 * {@code POST /reload} that only a same-origin request with {@code X-Hotswap: reload} may make.
 */
class DashboardRoutesIT {
  @TempDir Path workDir;
  private Harness harness;
  private ObserveArgs observe;
  private URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    harness = Harness.start(workDir, Fixture.V1);
    observe = new ObserveArgs();
    observe.dashboard = "0";
    observe.health = "0";
    ObserveArgs.Bound bound = observe.start(harness.vertx(), harness.hotSwap());
    base = URI.create("http://127.0.0.1:" + bound.dashboardPort());
    assertThat(bound.healthPort()).isPositive().isNotEqualTo(bound.dashboardPort());
  }

  @AfterEach
  void stop() {
    observe.stop();
    harness.close();
  }

  @Test
  void page_andEventStream_serveTheStatus() throws Exception {
    HttpResponse<String> page = http.send(get("/"), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("<title>hotswap dashboard</title>").contains("EventSource");

    HttpResponse<java.io.InputStream> events =
        http.send(get("/events"), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(events.headers().firstValue("Content-Type")).contains("text/event-stream");
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null && !line.equals("event: status")) {
        // comments and retry come first
      }
      String data = lines.readLine();
      assertThat(data).startsWith("data: ");
      JsonObject status = new JsonObject(data.substring("data: ".length()));
      assertThat(status.getString("name")).isEqualTo("test");
      assertThat(status.getJsonArray("generations").getJsonObject(0).getString("state"))
          .isEqualTo("ACTIVE");
    }
  }

  @Test
  void reload_withoutTheHeaderOrCrossSite_isRefused() throws Exception {
    assertThat(post(HttpRequest.newBuilder(base.resolve("/reload"))).statusCode()).isEqualTo(403);
    assertThat(
            post(HttpRequest.newBuilder(base.resolve("/reload"))
                    .header("X-Hotswap", "reload")
                    .header("Origin", "http://evil.example"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            post(HttpRequest.newBuilder(base.resolve("/reload"))
                    .header("X-Hotswap", "reload")
                    .header("Sec-Fetch-Site", "cross-site"))
                .statusCode())
        .isEqualTo(403);
    assertThat(http.send(get("/reload"), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(405);
    assertThat(harness.hotSwap().activeGeneration().orElseThrow().id()).isEqualTo(1);
  }

  @Test
  void reload_withTheHeader_reloadsAndAnswersTheOutcome() throws Exception {
    HttpResponse<String> answer =
        post(
            HttpRequest.newBuilder(base.resolve("/reload"))
                .header("X-Hotswap", "reload")
                .header("Origin", base.toString()));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonObject outcome = new JsonObject(answer.body());
    assertThat(outcome.getString("status")).isEqualTo("ACTIVATED");
    assertThat(outcome.getLong("generation")).isEqualTo(2L);
    assertThat(harness.hotSwap().activeGeneration().orElseThrow().trigger()).isEqualTo("dashboard");
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build();
  }

  private HttpResponse<String> post(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
