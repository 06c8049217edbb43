package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.loader.testing.GcAwait;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.LoadDriver;
import io.hotswap.testing.Probe;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 6: a retired generation's classloader becomes garbage, proven through weak references
 * with bounded GC retries and through the tracker's verdict; a generation pinned from a host static
 * is reported LEAKED (the negative control).
 */
class GenerationCollectionLeakIT {
  private static final Duration GC_BOUND = Duration.ofSeconds(20);

  @TempDir Path workDir;

  @BeforeEach
  void resetProbe() {
    Probe.reset();
  }

  @Test
  void retiredGenerations_afterServingLoad_areAllCollected() {
    try (Harness harness =
        Harness.start(workDir, Fixture.V1, options -> options.leakTimeout(GC_BOUND))) {
      LoadDriver load = new LoadDriver(harness.clientVertx(), harness.port(), "/", 16).start();
      for (int i = 0; i < 10; i++) {
        assertThat(harness.install(i % 2 == 0 ? Fixture.V2 : Fixture.V1).activated()).isTrue();
        harness.get("/context");
        harness.get("/periodic");
        harness.greet("hello");
      }
      // Broken generations must be collected too.
      assertThat(harness.install(Fixture.START_THROWS).failed()).isTrue();
      assertThat(harness.install(Fixture.START_NEVER_COMPLETES).failed()).isTrue();
      load.stop();
      assertThat(load.failed()).isZero();
      long active = harness.hotSwap().activeGeneration().orElseThrow().id();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  harness.hotSwap().generations().stream()
                      .filter(info -> info.id() != active)
                      .allMatch(info -> info.state().isFinished()));
      List<WeakReference<ClassLoader>> loaders = Probe.loaders();
      // Every instance of every started generation registered its loader: 11 good + 2 broken.
      assertThat(loaders).hasSizeGreaterThanOrEqualTo(13);
      for (WeakReference<ClassLoader> loader : loaders) {
        ClassLoader alive = loader.get();
        if (alive != null && alive.getName().equals("hotswap-gen-" + active)) {
          continue;
        }
        alive = null;
        assertThat(GcAwait.awaitCollected(loader, GC_BOUND)).as("a retired loader").isTrue();
      }
      await()
          .atMost(GC_BOUND)
          .untilAsserted(
              () ->
                  assertThat(harness.hotSwap().generations())
                      .filteredOn(info -> info.id() != active)
                      .allSatisfy(
                          info ->
                              assertThat(info.state())
                                  .isIn(GenerationState.COLLECTED, GenerationState.FAILED)));
      harness.hotSwap().generations().stream()
          .filter(info -> info.timeToCollection().isPresent())
          .mapToLong(info -> info.timeToCollection().get().toMillis())
          .max()
          .ifPresent(ms -> System.out.printf("retired loaders collected within %d ms%n", ms));
    }
  }

  @Test
  void retiredGeneration_pinnedFromHostStatic_isReportedLeaked() {
    try (Harness harness =
        Harness.start(
            workDir, Fixture.PINS_ITSELF, options -> options.leakTimeout(Duration.ofSeconds(2)))) {
      assertThat(harness.install(Fixture.V1).activated()).isTrue();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> harness.state(1) == GenerationState.LEAKED);
      assertThat(harness.generation(1).failure()).isPresent();
      WeakReference<ClassLoader> pinned =
          Probe.loaders().stream()
              .filter(ref -> ref.get() != null && ref.get().getName().equals("hotswap-gen-1"))
              .findFirst()
              .orElseThrow();
      assertThat(GcAwait.awaitCollected(pinned, Duration.ofSeconds(3))).isFalse();
    }
  }
}
