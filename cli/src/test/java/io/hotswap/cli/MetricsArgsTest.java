package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code --metrics [host:]port}: loopback by default, a remote host only when allowed. */
class MetricsArgsTest {

  @Test
  void address_portAlone_isLoopback() {
    assertThat(MetricsArgs.address("9400", false))
        .isEqualTo(new MetricsArgs.Address("127.0.0.1", 9400));
  }

  @Test
  void address_loopbackHosts_areAccepted() {
    assertThat(MetricsArgs.address("localhost:9400", false).host()).isEqualTo("localhost");
    assertThat(MetricsArgs.address("[::1]:0", false)).isEqualTo(new MetricsArgs.Address("::1", 0));
    assertThat(MetricsArgs.address("127.0.0.2:1", false).port()).isEqualTo(1);
  }

  @Test
  void address_remoteHost_isRefusedUnlessAllowed() {
    assertThatThrownBy(() -> MetricsArgs.address("0.0.0.0:9400", false))
        .isInstanceOf(HotSwapCli.UsageProblem.class)
        .hasMessageContaining("--metrics-allow-remote");
    assertThatThrownBy(() -> MetricsArgs.address("10.1.2.3:9400", false))
        .isInstanceOf(HotSwapCli.UsageProblem.class);
    assertThat(MetricsArgs.address("0.0.0.0:9400", true))
        .isEqualTo(new MetricsArgs.Address("0.0.0.0", 9400));
  }

  @Test
  void address_malformed_isAUsageProblem() {
    for (String bad : new String[] {"", "port", ":9400", "127.0.0.1:", "70000", "-1"}) {
      assertThatThrownBy(() -> MetricsArgs.address(bad, false))
          .as(bad)
          .isInstanceOf(HotSwapCli.UsageProblem.class);
    }
  }
}
