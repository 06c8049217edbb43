package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of {@code --health} and {@code --dashboard}, and the readiness state they serve. */
class ObserveArgsTest {

  @Test
  void parse_portOnly_listensOnLoopback() {
    assertThat(ListenAddress.parse("--health", "9000", false))
        .isEqualTo(new ListenAddress("127.0.0.1", 9000));
    assertThat(ListenAddress.parse("--health", "localhost:0", false))
        .isEqualTo(new ListenAddress("localhost", 0));
    assertThat(ListenAddress.parse("--dashboard", "[::1]:8081", false))
        .isEqualTo(new ListenAddress("::1", 8081));
  }

  @Test
  void parse_nonLoopbackHostWithoutAllowRemote_isRefused() {
    assertThatThrownBy(() -> ListenAddress.parse("--health", "0.0.0.0:9000", false))
        .isInstanceOf(HotSwapCli.UsageProblem.class)
        .hasMessageContaining("--health-allow-remote");
    assertThatThrownBy(() -> ListenAddress.parse("--dashboard", "0.0.0.0:9000", false))
        .hasMessageContaining("--dashboard-allow-remote");
    assertThat(ListenAddress.parse("--health", "0.0.0.0:9000", true).host()).isEqualTo("0.0.0.0");
  }

  @Test
  void parse_malformed_isAUsageProblem() {
    for (String bad : List.of("", "x", "host:", ":80", "1:99999", "-1")) {
      assertThatThrownBy(() -> ListenAddress.parse("--health", bad, false))
          .as(bad)
          .isInstanceOf(HotSwapCli.UsageProblem.class);
    }
  }

  @Test
  void start_sameNonZeroPortForBoth_isAUsageProblem() {
    ObserveArgs observe = new ObserveArgs();
    observe.health = "9000";
    observe.dashboard = "localhost:9000";
    assertThatThrownBy(() -> observe.start(null, null))
        .isInstanceOf(HotSwapCli.UsageProblem.class)
        .hasMessageContaining("different ports");
  }

  @Test
  void runCommand_acceptsTheObserveOptions() {
    RunCommand run = new RunCommand();
    new CommandLine(run)
        .parseArgs(
            "--code",
            "x",
            "--health",
            "9000",
            "--dashboard",
            "0.0.0.0:9001",
            "--dashboard-allow-remote");
    assertThat(run.observeArgs.health).isEqualTo("9000");
    assertThat(run.observeArgs.dashboard).isEqualTo("0.0.0.0:9001");
    assertThat(run.observeArgs.dashboardAllowRemote).isTrue();
    assertThat(run.observeArgs.healthAllowRemote).isFalse();
  }

  @Test
  void readiness_followsCutoverAndDrain() {
    Readiness readiness = new Readiness();
    readiness.seed(Optional.empty());
    assertThat(readiness.active()).isEmpty();
    readiness.accept(info(1, GenerationState.STARTING));
    assertThat(readiness.active()).isEmpty();
    readiness.accept(info(1, GenerationState.ACTIVE));
    assertThat(readiness.active()).map(GenerationInfo::id).contains(1L);
    // A cutover: N+1 ACTIVE first, then N DRAINING; never a gap.
    readiness.accept(info(2, GenerationState.ACTIVE));
    readiness.accept(info(1, GenerationState.DRAINING));
    assertThat(readiness.active()).map(GenerationInfo::id).contains(2L);
    readiness.accept(info(3, GenerationState.FAILED));
    assertThat(readiness.active()).map(GenerationInfo::id).contains(2L);
    // A close drains the active generation with no successor.
    readiness.accept(info(2, GenerationState.DRAINING));
    assertThat(readiness.active()).isEmpty();
  }

  @Test
  void readiness_transitionBeforeSeed_keepsTheNewerState() {
    Readiness readiness = new Readiness();
    readiness.accept(info(2, GenerationState.ACTIVE));
    readiness.seed(Optional.of(info(1, GenerationState.ACTIVE)));
    assertThat(readiness.active()).map(GenerationInfo::id).contains(2L);
  }

  @Test
  void readiness_stopped_staysDown() {
    Readiness readiness = new Readiness();
    readiness.seed(Optional.of(info(4, GenerationState.ACTIVE)));
    assertThat(readiness.active()).isPresent();
    readiness.stop();
    readiness.accept(info(5, GenerationState.ACTIVE));
    assertThat(readiness.active()).isEmpty();
  }

  private static GenerationInfo info(long id, GenerationState state) {
    return new GenerationInfo(
        id,
        state,
        "snap" + id,
        "test",
        Instant.now(),
        Optional.empty(),
        Optional.empty(),
        0,
        Optional.empty(),
        Optional.empty(),
        List.of());
  }
}
