package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.HttpAnswer;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariants 2 and 5: in-flight work finishes on its generation, bounded by the drain timeout. */
class InFlightDrainIT {
  @TempDir Path workDir;

  @Test
  void slowRequest_startedOnPreviousGeneration_completesWithItsAnswerAndDelaysRetirement() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      Future<HttpAnswer> slow = harness.getAsync("/slow?ms=1500");
      // The slow request is dispatched before the reload: wait until gen-1 counts it.
      await().atMost(Duration.ofSeconds(5)).until(() -> inFlight(harness) == 1);

      ReloadOutcome outcome = harness.install(Fixture.V2);
      assertThat(outcome.activated()).isTrue();
      assertThat(harness.get("/").body()).isEqualTo("v2");
      assertThat(harness.state(1)).isEqualTo(GenerationState.DRAINING);

      HttpAnswer answer = Harness.await(slow);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("v1");
      assertThat(answer.generation()).isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> harness.state(1) != GenerationState.DRAINING);
      GenerationInfo retired = harness.generation(1);
      assertThat(retired.retiredAt()).isPresent();
      assertThat(retired.retiredAt().get()).isAfterOrEqualTo(retired.activatedAt().get());
      assertThat(retired.cancelledAtDrain()).isZero();
    }
  }

  @Test
  void stuckRequest_pastDrainTimeout_gets503WithConnectionCloseAndIsCounted() {
    try (Harness harness =
        Harness.start(
            workDir, Fixture.V1, options -> options.drainTimeout(Duration.ofMillis(700)))) {
      Future<HttpAnswer> stuck = harness.getAsync("/stuck");
      await().atMost(Duration.ofSeconds(5)).until(() -> inFlight(harness) == 1);

      assertThat(harness.install(Fixture.V2).activated()).isTrue();

      HttpAnswer answer = Harness.await(stuck);
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.connection()).isEqualToIgnoringCase("close");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> harness.generation(1).retiredAt().isPresent());
      assertThat(harness.generation(1).cancelledAtDrain()).isEqualTo(1);
      assertThat(harness.get("/").body()).isEqualTo("v2");
    }
  }

  private static int inFlight(Harness harness) {
    return Harness.await(harness.hotSwap().inFlight(1));
  }
}
