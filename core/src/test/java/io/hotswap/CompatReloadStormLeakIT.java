package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.CompatApp;
import io.hotswap.testing.CompatHost;
import io.hotswap.testing.DrainWatch;
import io.hotswap.testing.Harness;
import io.hotswap.testing.LoadDriver;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's storm in compat mode: an unmodified Vert.x application (vertx-web, event bus, fewer
 * HTTP instances than lanes, so most requests are handed to another event loop) under keep-alive
 * load from many clients while reloads are asked for every few milliseconds, as a signal storm
 * would. Every request is answered, no reload is refused because generations pile up DRAINING,
 * every retired generation drains far within the drain timeout and is collected. A *LeakIT: the
 * collection check runs in a JVM of its own. The 1,000-reload version is {@code CompatReloadStorm}
 * in the benchmarks module.
 */
class CompatReloadStormLeakIT {
  private static final int RELOADS = 200;
  private static final long RELOAD_EVERY_MS = 15;
  private static final int CLIENTS = 64;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DRAINED_WELL_BEFORE = Duration.ofSeconds(2);

  @TempDir Path workDir;

  @Test
  void reloadStorm_underKeepAliveLoad_noneRefusedEveryGenerationDrainsAtOnceAndIsCollected() {
    try (CompatHost host =
        CompatHost.start(
            workDir,
            CompatApp.V1,
            options -> options.drainTimeout(DRAIN_TIMEOUT).leakTimeout(Duration.ofSeconds(30)))) {
      DrainWatch drains = DrainWatch.on(host.hotSwap());
      LoadDriver hello = new LoadDriver(host.clientVertx(), host.port(), "/hello", CLIENTS).start();
      LoadDriver echo = new LoadDriver(host.clientVertx(), host.port(), "/echo/x", 8).start();
      await().atMost(Duration.ofSeconds(20)).until(() -> hello.ok() >= 500 && echo.ok() >= 50);

      List<Future<ReloadOutcome>> outcomes = storm(host);
      Harness.await(Future.join(new ArrayList<>(outcomes)).otherwiseEmpty());
      hello.stop();
      echo.stop();

      Map<ReloadOutcome.Status, Integer> byStatus = new TreeMap<>();
      for (Future<ReloadOutcome> outcome : outcomes) {
        assertThat(outcome.succeeded()).as("%s", outcome.cause()).isTrue();
        byStatus.merge(outcome.result().status(), 1, Integer::sum);
      }
      assertThat(byStatus)
          .as("no reload refused (maxDraining) or failed")
          .containsOnlyKeys(ReloadOutcome.Status.ACTIVATED);
      assertThat(hello.failures()).isEmpty();
      assertThat(echo.failures()).isEmpty();
      assertThat(hello.ok()).isEqualTo(hello.sent());
      assertThat(echo.ok()).isEqualTo(echo.sent());

      long active = host.hotSwap().activeGeneration().orElseThrow().id();
      int replaced = drains.drainingCount();
      assertThat(replaced).isPositive();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> drains.retiredCount() == drains.drainingCount());
      assertThat(drains.drainTimes().values())
          .as("drain times (DRAINING to RETIRED) %s", drains.drainTimes())
          .allSatisfy(drain -> assertThat(drain).isLessThan(DRAINED_WELL_BEFORE));
      assertThat(drains.cancelledAtDrain().values()).allSatisfy(n -> assertThat(n).isZero());

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                System.gc();
                assertThat(drains.fates()).hasSize(replaced);
              });
      assertThat(drains.fates().values()).allMatch(fate -> fate == GenerationState.COLLECTED);
      System.out.printf(
          "compat reload storm: %d reloads asked, %d generations retired (active gen-%d), longest"
              + " drain %d ms, %d + %d requests, 0 failed, all collected%n",
          RELOADS, replaced, active, drains.longestDrain().toMillis(), hello.sent(), echo.sent());
    }
  }

  /** Asks for {@link #RELOADS} reloads, one every {@link #RELOAD_EVERY_MS} ms, none awaited. */
  private static List<Future<ReloadOutcome>> storm(CompatHost host) {
    List<Future<ReloadOutcome>> outcomes = new ArrayList<>();
    Promise<Void> asked = Promise.promise();
    host.clientVertx()
        .setPeriodic(
            RELOAD_EVERY_MS,
            timer -> {
              synchronized (outcomes) {
                outcomes.add(host.hotSwap().reload("storm"));
                if (outcomes.size() == RELOADS) {
                  host.clientVertx().cancelTimer(timer);
                  asked.complete();
                }
              }
            });
    Harness.await(asked.future());
    synchronized (outcomes) {
      return List.copyOf(outcomes);
    }
  }
}
