package io.hotswap.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.StatusReport;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON form of a generation's counts: failed always, timing only while it is on. */
class StatusJsonTest {

  @Test
  void of_generationWithFailuresAndTiming_writesThem() {
    JsonObject generation =
        first(
            new StatusReport.GenerationStatus(
                info(2),
                3,
                100,
                7,
                Optional.of(new StatusReport.Timing(97, 97_000_000, 4_000_000))));
    assertThat(generation.getInteger("inFlight")).isEqualTo(3);
    assertThat(generation.getLong("served")).isEqualTo(100);
    assertThat(generation.getLong("failed")).isEqualTo(7);
    JsonObject timing = generation.getJsonObject("timing");
    assertThat(timing.getLong("count")).isEqualTo(97);
    assertThat(timing.getLong("totalNanos")).isEqualTo(97_000_000);
    assertThat(timing.getLong("maxNanos")).isEqualTo(4_000_000);
  }

  @Test
  void of_generationWithoutTiming_writesNullTimingAndZeroFailed() {
    JsonObject generation = first(new StatusReport.GenerationStatus(info(1), 0, 5));
    assertThat(generation.getLong("failed")).isZero();
    assertThat(generation.containsKey("timing")).isTrue();
    assertThat(generation.getValue("timing")).isNull();
  }

  @Test
  void timing_mean_isTotalOverCount() {
    assertThat(new StatusReport.Timing(4, 10, 5).meanNanos()).isEqualTo(2.5);
    assertThat(new StatusReport.Timing(0, 0, 0).meanNanos()).isZero();
  }

  private static JsonObject first(StatusReport.GenerationStatus generation) {
    StatusReport report =
        new StatusReport(
            "app",
            List.of(generation),
            List.of(),
            List.of(),
            0,
            new StatusReport.StoreStatus(0, 0, 0, 0),
            new StatusReport.JvmStatus(0, 0, 0, 0));
    return StatusJson.of(report).getJsonArray("generations").getJsonObject(0);
  }

  private static GenerationInfo info(long id) {
    return new GenerationInfo(
        id,
        GenerationState.ACTIVE,
        "abc",
        "test",
        Instant.EPOCH,
        Optional.of(Instant.EPOCH),
        Optional.empty(),
        0,
        Optional.empty(),
        Optional.empty(),
        List.of());
  }
}
