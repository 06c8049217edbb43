package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.LoadDriver;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invariants 3 and 9: broken new code never takes traffic and never disturbs the active one. */
class BrokenReloadIT {
  @TempDir Path workDir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "TRUNCATED_CLASS       | java.lang.ClassFormatError   | fixture.app.App",
        "START_THROWS          | IllegalStateException        | boom in start",
        "START_NEVER_COMPLETES | StartTimeoutException        | start timeout",
        "MISSING_CLASS         | java.lang.NoClassDefFoundError | fixture/app/Helper",
        "VERIFY_ERROR          | java.lang.VerifyError        | fixture.app.Factory",
      })
  void reload_brokenCode_failsWithItsCauseAndKeepsActiveGenerationServing(
      Fixture broken, String causeType, String causeDetail) {
    try (Harness harness =
        Harness.start(
            workDir, Fixture.V1, options -> options.startTimeout(Duration.ofSeconds(1)))) {
      LoadDriver load = new LoadDriver(harness.clientVertx(), harness.port(), "/", 16).start();

      ReloadOutcome outcome = harness.install(broken);

      load.stop();
      assertThat(outcome.status()).isEqualTo(ReloadOutcome.Status.FAILED);
      assertThat(outcome.previous()).isEqualTo(1);
      assertThat(outcome.failure()).isPresent();
      Throwable cause = outcome.failure().get();
      assertThat(cause.toString()).contains(causeType).contains(causeDetail);
      assertThat(outcome.describe()).contains("FAILED").contains("gen-1 keeps serving");
      assertThat(harness.state(outcome.generation())).isEqualTo(GenerationState.FAILED);
      assertThat(harness.generation(outcome.generation()).failure()).isPresent();
      assertThat(harness.state(1)).isEqualTo(GenerationState.ACTIVE);
      assertThat(harness.hotSwap().activeGeneration().orElseThrow().id()).isEqualTo(1);
      assertThat(harness.get("/").body()).isEqualTo("v1");
      assertThat(harness.greet("hi")).isEqualTo("v1 gen-1 hi");
      assertThat(load.failures()).isEmpty();
      assertThat(load.ok()).isEqualTo(load.sent()).isPositive();

      // The next good build goes through as usual.
      ReloadOutcome fixed = harness.install(Fixture.V2);
      assertThat(fixed.activated()).isTrue();
      assertThat(harness.get("/").body()).isEqualTo("v2");
    }
  }
}
