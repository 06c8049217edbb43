package io.hotswap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.StatusReport;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.LoadDriver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meters of a real instance under load with reloads: every request counted once across the
 * generations' series, every reload once, the active generation named, and the series of a
 * collected generation gone.
 */
class HotSwapMetricsIT {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration CATCH_UP = Duration.ofSeconds(30);
  private static final int RELOADS = 6;

  /** In flight, requests, errors, request duration and its maximum. */
  private static final int GENERATION_SERIES = 5;

  @TempDir Path workDir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void bind_underLoadWithReloads_countsEveryRequestAndReloadOnce() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      HotSwapMetrics metrics =
          HotSwapMetrics.bind(harness.hotSwap(), harness.vertx(), registry, POLL);
      LoadDriver load = new LoadDriver(harness.clientVertx(), harness.port(), "/", 16).start();
      await().atMost(CATCH_UP).until(() -> load.ok() >= 200);
      for (int i = 0; i < RELOADS; i++) {
        assertThat(harness.install(i % 2 == 0 ? Fixture.V2 : Fixture.V1).activated()).isTrue();
        long before = load.ok();
        await().atMost(CATCH_UP).until(() -> load.ok() >= before + 100);
      }
      long failedGeneration = RELOADS + 2;
      assertThat(harness.install(Fixture.START_THROWS).failed()).isTrue();
      load.stop();
      assertThat(load.failed()).as("failures: %s", load.failures()).isZero();
      assertThat(load.ok()).isEqualTo(load.sent());
      long sent = load.sent();

      // Reloads: the start and every reload, each once.
      await()
          .atMost(CATCH_UP)
          .untilAsserted(
              () -> {
                assertThat(reloads("activated", "start")).isEqualTo(1);
                assertThat(reloads("activated", "test")).isEqualTo(RELOADS);
                assertThat(reloads("failed", "test")).isEqualTo(1);
                assertThat(
                        registry.find(ReloadMeters.RELOADS).counters().stream()
                            .mapToDouble(c -> c.count())
                            .sum())
                    .isEqualTo(RELOADS + 2);
                assertThat(
                        registry.get(ReloadMeters.DURATION).tag("phase", "total").timer().count())
                    .isEqualTo(RELOADS + 2);
              });

      // Requests: the series of the generations, plus those of generations already collected
      // (their series are gone), add up to what the clients sent; the total counter too.
      await()
          .atMost(CATCH_UP)
          .untilAsserted(
              () -> {
                StatusReport status = Harness.await(harness.hotSwap().status());
                long collectedServed =
                    status.generations().stream()
                        .filter(g -> g.info().state() == GenerationState.COLLECTED)
                        .mapToLong(StatusReport.GenerationStatus::served)
                        .sum();
                assertThat(seriesRequests() + collectedServed).isEqualTo(sent);
                assertThat(registry.get(GenerationMeters.TOTAL_REQUESTS).functionCounter().count())
                    .isEqualTo(sent);
              });
      System.out.printf(
          "metrics: %d requests sent, %.0f counted; %d reloads done (start + %d activated + 1 failed),"
              + " %.0f counted%n",
          sent,
          registry.get(GenerationMeters.TOTAL_REQUESTS).functionCounter().count(),
          RELOADS + 2,
          RELOADS,
          registry.find(ReloadMeters.RELOADS).counters().stream()
              .mapToDouble(c -> c.count())
              .sum());

      // The active generation, named with its snapshot; one series only.
      GenerationInfo active = harness.hotSwap().activeGeneration().orElseThrow();
      await()
          .atMost(CATCH_UP)
          .untilAsserted(
              () -> {
                Collection<Gauge> info = registry.find(ActiveGenerationMeter.NAME).gauges();
                assertThat(info).hasSize(1);
                Meter.Id id = info.iterator().next().getId();
                assertThat(id.getTag("generation")).isEqualTo(Long.toString(active.id()));
                assertThat(id.getTag("snapshot")).isEqualTo(active.snapshotId());
                assertThat(info.iterator().next().value()).isEqualTo(1.0);
                assertThat(
                        registry
                            .get(StateMeters.GENERATIONS)
                            .tag("state", "active")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
                assertThat(
                        registry
                            .get(StateMeters.GENERATIONS)
                            .tag("state", "failed")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
                assertThat(registry.find(StateMeters.GENERATIONS).gauges())
                    .hasSize(GenerationState.values().length);
                // Every replaced generation drained, and was timed doing so.
                assertThat(registry.get(DrainMeter.DURATION).timer().count()).isEqualTo(RELOADS);
              });
      // A failed generation keeps its series while the history holds it.
      assertThat(series(failedGeneration)).isNotEmpty();

      // Generation 1 retired first; once its loader is collected its series go.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                System.gc();
                return harness.state(1) == GenerationState.COLLECTED;
              });
      await()
          .atMost(CATCH_UP)
          .untilAsserted(
              () -> {
                assertThat(series(1)).isEmpty();
                assertThat(
                        registry.get(StateMeters.LOADERS).tag("fate", "collected").gauge().value())
                    .isGreaterThanOrEqualTo(1.0);
                assertThat(registry.get(StateMeters.LOADERS).tag("fate", "leaked").gauge().value())
                    .isZero();
              });
      assertThat(series(active.id())).hasSize(GENERATION_SERIES);
      assertThat(registry.get(GenerationMeters.TOTAL_REQUESTS).functionCounter().count())
          .isEqualTo(sent);
      metrics.close();
      assertThat(registry.getMeters()).as("close() removes every meter").isEmpty();
    }
  }

  @Test
  void close_beforeAnyReload_removesEveryMeter() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      HotSwapMetrics metrics =
          HotSwapMetrics.bind(harness.hotSwap(), harness.vertx(), registry, POLL);
      await()
          .atMost(CATCH_UP)
          .untilAsserted(() -> assertThat(series(1)).hasSize(GENERATION_SERIES));
      metrics.close();
      metrics.close();
      assertThat(registry.getMeters()).isEmpty();
      // A reload after close registers nothing again.
      assertThat(harness.install(Fixture.V2).activated()).isTrue();
      assertThat(registry.getMeters()).isEmpty();
    }
  }

  @Test
  void bind_aGenerationThatFails_countsErrorsAndTimesByGeneration() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      HotSwapMetrics metrics =
          HotSwapMetrics.bind(harness.hotSwap(), harness.vertx(), registry, POLL);
      int good = 40;
      for (int i = 0; i < good; i++) {
        assertThat(harness.get("/").status()).isEqualTo(200);
      }
      assertThat(harness.install(Fixture.ERRORS).activated()).isTrue();
      int bad = 30;
      for (int i = 0; i < bad; i++) {
        assertThat(harness.get("/").status()).isEqualTo(500);
      }
      await()
          .atMost(CATCH_UP)
          .untilAsserted(
              () -> {
                assertThat(errors(1)).isZero();
                assertThat(errors(2)).isEqualTo(bad);
                // Timing starts at bind, before the first request: every request is timed.
                assertThat(timer(1).count()).isEqualTo(good);
                assertThat(timer(2).count()).isEqualTo(bad);
              });
      for (long generation : new long[] {1, 2}) {
        assertThat(timer(generation).totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(
                registry
                    .get(GenerationSeries.DURATION_MAX)
                    .tag("generation", Long.toString(generation))
                    .timeGauge()
                    .value(TimeUnit.NANOSECONDS))
            .isPositive()
            .isLessThanOrEqualTo(timer(generation).totalTime(TimeUnit.NANOSECONDS));
      }
      StatusReport.GenerationStatus second =
          Harness.await(harness.hotSwap().status()).generations().stream()
              .filter(g -> g.info().id() == 2)
              .findFirst()
              .orElseThrow();
      assertThat(second.failed()).isEqualTo(bad);
      assertThat(second.timing()).hasValueSatisfying(t -> assertThat(t.count()).isEqualTo(bad));
      metrics.close();
    }
  }

  @Test
  void bind_hostEndpoints_publishTheirLoadAsTheStatusShowsIt() {
    try (Harness harness = Harness.start(workDir, Fixture.GATEWAY_V1, Harness::gateways)) {
      HotSwapMetrics metrics =
          HotSwapMetrics.bind(harness.hotSwap(), harness.vertx(), registry, POLL);
      for (int i = 0; i < 10; i++) {
        assertThat(harness.get("/").status()).isEqualTo(200);
      }
      StatusReport status = Harness.await(harness.hotSwap().status());
      await()
          .atMost(CATCH_UP)
          .untilAsserted(
              () -> {
                for (StatusReport.EndpointStatus endpoint : status.endpoints()) {
                  String name = endpoint.name();
                  assertThat(
                          registry
                              .get(EndpointMeters.CONNECTIONS)
                              .tag("endpoint", name)
                              .tag("kind", endpoint.kind())
                              .gauge())
                      .isNotNull();
                  endpoint
                      .inFlightLoad()
                      .ifPresent(
                          load -> {
                            assertThat(gauge(EndpointMeters.IN_FLIGHT_LIMIT, name))
                                .isEqualTo(load.maxInFlight());
                            assertThat(counter(EndpointMeters.REJECTED, name))
                                .isEqualTo(load.rejected());
                          });
                  endpoint
                      .gatewayLoad()
                      .ifPresent(
                          load ->
                              assertThat(
                                      registry
                                          .get(EndpointMeters.FRAMES)
                                          .tag("endpoint", name)
                                          .functionCounters())
                                  .hasSize(3));
                }
              });
      assertThat(status.endpoints())
          .extracting(StatusReport.EndpointStatus::kind)
          .contains("http", "event-bus", "websocket", "tcp", "sse");
      metrics.close();
      assertThat(registry.getMeters()).isEmpty();
    }
  }

  private double gauge(String name, String endpoint) {
    return registry.get(name).tag("endpoint", endpoint).gauge().value();
  }

  private double counter(String name, String endpoint) {
    return registry.get(name).tag("endpoint", endpoint).functionCounter().count();
  }

  @Test
  void status_withoutMetrics_timesNothing() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      assertThat(harness.get("/").status()).isEqualTo(200);
      StatusReport.GenerationStatus first =
          Harness.await(harness.hotSwap().status()).generations().get(0);
      assertThat(first.served()).isEqualTo(1);
      assertThat(first.failed()).isZero();
      assertThat(first.timing()).isEmpty();
    }
  }

  private double errors(long generation) {
    return registry
        .get(GenerationSeries.ERRORS)
        .tag("generation", Long.toString(generation))
        .functionCounter()
        .count();
  }

  private FunctionTimer timer(long generation) {
    return registry
        .get(GenerationSeries.DURATION)
        .tag("generation", Long.toString(generation))
        .functionTimer();
  }

  private double reloads(String outcome, String trigger) {
    var counter =
        registry
            .find(ReloadMeters.RELOADS)
            .tag("outcome", outcome)
            .tag("trigger", trigger)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private long seriesRequests() {
    return (long)
        registry.find(GenerationSeries.REQUESTS).functionCounters().stream()
            .mapToDouble(FunctionCounter::count)
            .sum();
  }

  /** The series of {@code generation}. */
  private Collection<Meter> series(long generation) {
    return registry.getMeters().stream()
        .filter(m -> m.getId().getName().startsWith("hotswap.generation."))
        .filter(m -> !m.getId().getName().equals(ActiveGenerationMeter.NAME))
        .filter(m -> Long.toString(generation).equals(m.getId().getTag("generation")))
        .toList();
  }
}
