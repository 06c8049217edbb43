package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.LoadDriver;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm-up: the new generation's real handlers run before its cutover, invisible to clients. */
class WarmUpIT {
  private static final int WARM_UP_REQUESTS = 200;

  @TempDir Path workDir;

  @Test
  void warmUp_replaysRequestsOnTheCandidateOnly_beforeItTakesTraffic() {
    try (Harness harness =
        Harness.start(
            workDir,
            Fixture.V1,
            options ->
                options.warmUp(
                    new HotSwapOptions.WarmUp("api", List.of("/hits"), WARM_UP_REQUESTS, 4)))) {
      LoadDriver load = new LoadDriver(harness.clientVertx(), harness.port(), "/", 16).start();

      assertThat(harness.install(Fixture.V2).activated()).isTrue();
      load.stop();

      // gen-2's own counter saw every warm-up request before the first real one.
      assertThat(harness.get("/hits").body()).isEqualTo(Integer.toString(WARM_UP_REQUESTS + 1));
      // Real clients never reached the candidate before the cutover and saw no failure.
      assertThat(load.failed()).isZero();
      assertThat(load.answers())
          .allMatch(answer -> answer.body().equals(answer.generation() == 1 ? "v1" : "v2"));
    }
  }
}
