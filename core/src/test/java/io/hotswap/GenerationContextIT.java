package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.Probe;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Business code runs as its generation's code: its loader as context classloader and a context of
 * its own deployment, in the handler and in later callbacks of the same request; resources it
 * creates there die with it.
 */
class GenerationContextIT {
  @TempDir Path workDir;

  @BeforeEach
  void resetProbe() {
    Probe.reset();
  }

  @Test
  void handler_andRequestCallbacks_runWithGenerationLoaderAndContext() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      for (int i = 0; i < 20; i++) {
        JsonObject report = new JsonObject(harness.get("/context").body());
        for (String where : new String[] {"handler", "body"}) {
          JsonObject seen = report.getJsonObject(where);
          assertThat(seen.getBoolean("tcclIsGeneration")).as(where).isTrue();
          assertThat(seen.getBoolean("contextIsGeneration")).as(where).isTrue();
          assertThat(seen.getString("deploymentId"))
              .as(where)
              .isEqualTo(seen.getString("ownDeploymentId"));
        }
      }
    }
  }

  @Test
  void periodicTimers_setByHandlerAndCallback_stopWhenTheirGenerationRetires() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      assertThat(harness.get("/periodic").body()).isEqualTo("ok");
      await().atMost(Duration.ofSeconds(5)).until(() -> Probe.ticks("v1-periodic") > 3);
      await().atMost(Duration.ofSeconds(5)).until(() -> Probe.ticks("v1-callback-periodic") > 3);

      assertThat(harness.install(Fixture.V2).activated()).isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> harness.generation(1).retiredAt().isPresent());

      long handlerTicks = Probe.ticks("v1-periodic");
      long callbackTicks = Probe.ticks("v1-callback-periodic");
      // A 10 ms periodic timer would tick ~30 times in this window if it were still alive.
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(
              () ->
                  Probe.ticks("v1-periodic") == handlerTicks
                      && Probe.ticks("v1-callback-periodic") == callbackTicks);
    }
  }
}
