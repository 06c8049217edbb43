package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.LoadDriver;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CHECKING: health checks and state hand-off decide whether a generation is promoted. */
class CheckingIT {
  @TempDir Path workDir;

  @Test
  void handOff_v1ToV2WithFormatChange_migratesStateBeforeCutover() {
    try (Harness harness = Harness.start(workDir, Fixture.STATEFUL_V1)) {
      ReloadOutcome outcome = harness.install(Fixture.STATEFUL_V2);

      assertThat(outcome.activated()).as(outcome.describe()).isTrue();
      JsonObject imported = new JsonObject(harness.get("/imported").body());
      assertThat(imported.getString("from")).isEqualTo("1");
      assertThat(imported.getJsonArray("items").encode()).isEqualTo("[\"apple\",\"pear\"]");
    }
  }

  @Test
  void handOff_importFails_keepsV1ServingAndSaysWhy() {
    try (Harness harness = Harness.start(workDir, Fixture.STATEFUL_V1)) {
      LoadDriver load = new LoadDriver(harness.clientVertx(), harness.port(), "/", 8).start();
      ReloadOutcome outcome = harness.install(Fixture.IMPORT_FAILS);
      load.stop();

      assertThat(outcome.failed()).isTrue();
      assertThat(outcome.failure().orElseThrow().toString())
          .contains("state import")
          .contains("cannot migrate state version 1");
      assertThat(harness.get("/").body()).isEqualTo("v1");
      assertThat(load.failed()).isZero();
    }
  }

  @Test
  void healthCheck_failingOrTimingOut_keepsOldGenerationServing() {
    try (Harness harness =
        Harness.start(
            workDir, Fixture.V1, options -> options.checkTimeout(Duration.ofMillis(800)))) {
      LoadDriver load = new LoadDriver(harness.clientVertx(), harness.port(), "/", 8).start();

      ReloadOutcome failing = harness.install(Fixture.HEALTH_FAILS);
      ReloadOutcome hanging = harness.install(Fixture.HEALTH_HANGS);
      load.stop();

      assertThat(failing.failed()).isTrue();
      assertThat(failing.failure().orElseThrow().toString())
          .contains("health check failed")
          .contains("database not reachable");
      assertThat(hanging.failed()).isTrue();
      assertThat(hanging.failure().orElseThrow().toString())
          .contains("health check did not complete within 800 ms");
      assertThat(harness.get("/").body()).isEqualTo("v1");
      assertThat(harness.hotSwap().activeGeneration().orElseThrow().id()).isEqualTo(1);
      assertThat(load.failed()).isZero();
      assertThat(harness.install(Fixture.V2).activated()).isTrue();
    }
  }
}
