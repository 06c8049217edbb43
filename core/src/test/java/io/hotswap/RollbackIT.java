package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.LoadDriver;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollback from snapshots kept in memory, by request and automatically on errors. */
class RollbackIT {
  @TempDir Path workDir;

  @Test
  void rollback_underLoad_bringsPreviousVersionBackWithoutDiskAndNoFailure() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      LoadDriver load = new LoadDriver(harness.clientVertx(), harness.port(), "/", 32).start();
      assertThat(harness.install(Fixture.V2).activated()).isTrue();
      assertThat(harness.get("/").body()).isEqualTo("v2");
      // The code source now holds something broken: a rollback must not read it.
      harness.installOnly(Fixture.TRUNCATED_CLASS);

      ReloadOutcome back = Harness.await(harness.hotSwap().rollback());
      long okBefore = load.ok();
      await().atMost(Duration.ofSeconds(10)).until(() -> load.ok() > okBefore + 200);
      ReloadOutcome forward = Harness.await(harness.hotSwap().reloadTo("gen-2"));
      load.stop();

      assertThat(back.activated()).as(back.describe()).isTrue();
      assertThat(back.snapshotId()).isEqualTo(harness.generation(1).snapshotId());
      assertThat(forward.activated()).isTrue();
      assertThat(forward.snapshotId()).isEqualTo(harness.generation(2).snapshotId());
      assertThat(harness.get("/").body()).isEqualTo("v2");
      assertThat(load.failed()).isZero();
      assertThat(load.answers().stream().filter(a -> a.generation() == back.generation()))
          .isNotEmpty()
          .allMatch(a -> a.body().equals("v1"));
      ReloadOutcome unknown = Harness.await(harness.hotSwap().reloadTo("gen-99"));
      assertThat(unknown.status()).isEqualTo(ReloadOutcome.Status.REFUSED);
    }
  }

  @Test
  void autoRollback_firesOnAnErroringGenerationAndNotOnAHealthyOne() {
    try (Harness harness =
        Harness.start(
            workDir,
            Fixture.V1,
            options ->
                options.autoRollback(
                    new HotSwapOptions.AutoRollback(Duration.ofMillis(1500), 0.2, 20)))) {
      LoadDriver load = new LoadDriver(harness.clientVertx(), harness.port(), "/", 8).start();

      assertThat(harness.install(Fixture.V2).activated()).isTrue();
      await()
          .during(Duration.ofMillis(2500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> harness.hotSwap().activeGeneration().orElseThrow().id() == 2);

      assertThat(harness.install(Fixture.ERRORS).activated()).isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> harness.hotSwap().activeGeneration().orElseThrow().id() == 4);
      load.stop();

      assertThat(harness.generation(4).trigger()).isEqualTo("auto-rollback");
      assertThat(harness.generation(4).snapshotId()).isEqualTo(harness.generation(2).snapshotId());
      assertThat(harness.get("/").body()).isEqualTo("v2");
    }
  }
}
