package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.internal.cleanup.GenerationCleaner;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.LeakFixture;
import io.hotswap.testing.Probe;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Invariant 6 against the well-known leak patterns: a generation that commits one ({@link
 * LeakFixture}) and then retires must end COLLECTED because {@link GenerationCleaner} released what
 * it left, or LEAKED with a failure naming the culprit. Runs in a JVM of its own with the {@code
 * --add-opens} flags of the root pom's {@code test.jvm.args}.
 */
class CleanupLeakIT {
  private static final Duration LEAK_TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path workDir;

  @BeforeEach
  @AfterEach
  void resetProbe() {
    Probe.reset();
  }

  @ParameterizedTest
  @EnumSource(LeakFixture.class)
  void retiredGeneration_committingLeakPattern_endsWithItsVerdict(LeakFixture pattern) {
    try (Harness harness =
        Harness.start(workDir, Fixture.V1, options -> options.leakTimeout(LEAK_TIMEOUT))) {
      ReloadOutcome leaking = harness.install(pattern.compile(workDir));
      assertThat(leaking.activated()).as(leaking.describe()).isTrue();
      harness.get("/");
      long generation = leaking.generation();
      assertThat(harness.install(Fixture.V1).activated()).isTrue();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  harness.state(generation) == GenerationState.COLLECTED
                      || harness.state(generation) == GenerationState.LEAKED);
      GenerationInfo info = harness.generation(generation);
      System.out.printf(
          "%s: gen-%d %s %s%n",
          pattern,
          generation,
          info.state(),
          info.failure()
              .or(() -> info.timeToCollection().map(d -> d.toMillis() + " ms"))
              .orElse(""));
      assertThat(info.state()).as(info.failure().orElse("")).isEqualTo(pattern.verdict());
      if (pattern.verdict() == GenerationState.LEAKED) {
        assertThat(info.failure())
            .hasValueSatisfying(text -> assertThat(text).contains(pattern.culprit()));
      }
      if (pattern == LeakFixture.WORKER_EXECUTOR) {
        assertThat(Thread.getAllStackTraces().keySet())
            .noneMatch(thread -> thread.getName().startsWith("fixture-pool"));
      }
    }
  }
}
