package io.hotswap.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotswap.cluster.RollOptions;
import org.junit.jupiter.api.Test;

/** The words of the command line and JMX for roll modes and node loss policies. */
class RollModesTest {

  @Test
  void rollModes_wordsFromTheCommandLine_mapToOptions() {
    assertThat(RollModes.mode("two-phase")).isEqualTo(RollOptions.Mode.TWO_PHASE);
    assertThat(RollModes.mode("ROLLING")).isEqualTo(RollOptions.Mode.ROLLING);
    assertThat(RollModes.nodeLoss("abort")).isEqualTo(RollOptions.NodeLossPolicy.ABORT);
    assertThatThrownBy(() -> RollModes.mode("fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rolling or two-phase");
  }
}
