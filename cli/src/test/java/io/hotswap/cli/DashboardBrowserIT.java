package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.ReloadOutcome;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (headless Chromium through WebDriver): the page shows the active
 * generation, a reload through the API shows the new one within a second over the event stream,
 * served counts update live, and its Reload button reloads. Keeps a screenshot in {@code
 * target/dashboard.png}. Fails, never skips, when Chromium is missing.
 */
class DashboardBrowserIT {
  private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
  private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

  @TempDir Path workDir;

  @Test
  void dashboard_reloadsAndTraffic_showLiveInTheBrowser() throws Exception {
    try (Harness harness = Harness.start(workDir, Fixture.V1);
        HeadlessChromium browser = HeadlessChromium.start(workDir)) {
      ObserveArgs observe = new ObserveArgs();
      observe.dashboard = "0";
      int port = observe.start(harness.vertx(), harness.hotSwap()).dashboardPort();
      try {
        browser.navigate("http://127.0.0.1:" + port + "/");
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> "gen-1".equals(browser.text("active-id")));
        assertThat(browser.text("conn")).isEqualTo("live");
        assertThat(browser.text("active-snapshot"))
            .isEqualTo(harness.hotSwap().activeGeneration().orElseThrow().snapshotId());

        // A reload through the API: the page shows gen-2 within a second of the cutover.
        ReloadOutcome second = harness.install(Fixture.V2);
        long activated = System.nanoTime();
        assertThat(second.activated()).as(second.describe()).isTrue();
        Awaitility.await()
            .atMost(WITHIN_A_SECOND)
            .pollInterval(Duration.ofMillis(10))
            .until(() -> "gen-2".equals(browser.text("active-id")));
        long shownMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - activated);
        System.out.printf(
            "dashboard showed gen-2 %d ms after the API reload returned%n", shownMillis);

        // Served counts update live.
        for (int i = 0; i < 7; i++) {
          assertThat(harness.get("/").body()).isEqualTo("v2");
        }
        Awaitility.await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () ->
                    Long.parseLong(
                            String.valueOf(
                                browser.script(
                                    "return document.querySelector('#gen-2 .served').textContent;")))
                        >= 7);

        // The Reload button: POST /reload with X-Hotswap, outcome on the page, gen-3 active.
        long clicked = System.nanoTime();
        browser.click("#reload");
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> "gen-3".equals(browser.text("active-id")));
        long buttonMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - clicked);
        System.out.printf("dashboard showed gen-3 %d ms after the Reload click%n", buttonMillis);
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> String.valueOf(browser.text("reload-result")).contains("gen-3"));
        assertThat(browser.text("reloads")).contains("dashboard");

        // The timeline: gen-1 retired (or already collected), gen-3 active.
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    List.of("RETIRED", "COLLECTED")
                        .contains(
                            String.valueOf(
                                browser.script(
                                    "return document.querySelector('#gen-1 .state').textContent;"))));
        assertThat(browser.text("timeline")).contains("gen-3 ACTIVE");
        browser.screenshot(SCREENSHOT);
        assertThat(SCREENSHOT).isNotEmptyFile();
      } finally {
        observe.stop();
      }
    }
  }
}
