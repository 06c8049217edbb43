package io.hotswap.internal.generation;

import static io.hotswap.GenerationState.ACTIVE;
import static io.hotswap.GenerationState.CHECKING;
import static io.hotswap.GenerationState.COLLECTED;
import static io.hotswap.GenerationState.DRAINING;
import static io.hotswap.GenerationState.FAILED;
import static io.hotswap.GenerationState.LEAKED;
import static io.hotswap.GenerationState.LOADING;
import static io.hotswap.GenerationState.RETIRED;
import static io.hotswap.GenerationState.STARTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.ReloadOutcome.ReloadTimings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

class GenerationLifecycleTest {
  /** The design's transition table, written out independently of the class under test. */
  private static final Map<GenerationState, Set<GenerationState>> LEGAL =
      Map.of(
          LOADING, EnumSet.of(STARTING, FAILED),
          STARTING, EnumSet.of(CHECKING, FAILED),
          CHECKING, EnumSet.of(ACTIVE, FAILED),
          ACTIVE, EnumSet.of(DRAINING),
          DRAINING, EnumSet.of(RETIRED),
          RETIRED, EnumSet.of(COLLECTED, LEAKED),
          COLLECTED, EnumSet.noneOf(GenerationState.class),
          LEAKED, EnumSet.noneOf(GenerationState.class),
          FAILED, EnumSet.noneOf(GenerationState.class));

  /** A legal path from LOADING to each state. */
  private static final Map<GenerationState, List<GenerationState>> PATH =
      Map.of(
          LOADING, List.of(),
          STARTING, List.of(STARTING),
          CHECKING, List.of(STARTING, CHECKING),
          ACTIVE, List.of(STARTING, CHECKING, ACTIVE),
          DRAINING, List.of(STARTING, CHECKING, ACTIVE, DRAINING),
          RETIRED, List.of(STARTING, CHECKING, ACTIVE, DRAINING, RETIRED),
          COLLECTED, List.of(STARTING, CHECKING, ACTIVE, DRAINING, RETIRED, COLLECTED),
          LEAKED, List.of(STARTING, CHECKING, ACTIVE, DRAINING, RETIRED, LEAKED),
          FAILED, List.of(FAILED));

  static Stream<Arguments> everyPairOfStates() {
    List<Arguments> pairs = new ArrayList<>();
    for (GenerationState from : GenerationState.values()) {
      for (GenerationState to : GenerationState.values()) {
        pairs.add(Arguments.of(from, to));
      }
    }
    return pairs.stream();
  }

  @Test
  void table_coversEveryStateOfTheEnum() {
    assertThat(LEGAL.keySet()).containsExactlyInAnyOrder(GenerationState.values());
    assertThat(PATH.keySet()).containsExactlyInAnyOrder(GenerationState.values());
    assertThat(everyPairOfStates())
        .hasSize(GenerationState.values().length * GenerationState.values().length);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPairOfStates")
  void moveTo_everyPair_acceptedExactlyWhenTheTableAllowsIt(
      GenerationState from, GenerationState to) {
    AtomicInteger entries = new AtomicInteger();
    GenerationLifecycle lifecycle = new GenerationLifecycle("gen-7", entries::incrementAndGet);
    lifecycle.begin("(trigger: test)");
    for (GenerationState step : PATH.get(from)) {
      lifecycle.moveTo(step, () -> {}, "");
    }
    assertThat(lifecycle.state()).isEqualTo(from);
    int before = entries.get();
    AtomicInteger factsRun = new AtomicInteger();

    if (LEGAL.get(from).contains(to)) {
      lifecycle.moveTo(to, factsRun::incrementAndGet, "");

      assertThat(lifecycle.state()).isEqualTo(to);
      assertThat(entries.get()).as("one history entry per transition").isEqualTo(before + 1);
      assertThat(factsRun.get()).isEqualTo(1);
      assertThat(lifecycle.enteredAt(to)).isNotZero();
      assertThat(GenerationLifecycle.allows(from, to)).isTrue();
    } else {
      assertThatThrownBy(() -> lifecycle.moveTo(to, factsRun::incrementAndGet, ""))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("gen-7")
          .hasMessageContaining(from.name())
          .hasMessageContaining(to.name());

      assertThat(lifecycle.state()).as("a rejected transition changes nothing").isEqualTo(from);
      assertThat(entries.get()).isEqualTo(before);
      assertThat(factsRun.get()).isZero();
      assertThat(GenerationLifecycle.allows(from, to)).isFalse();
    }
  }

  @Test
  void begin_twice_isRejected() {
    GenerationLifecycle lifecycle = new GenerationLifecycle("gen-3", () -> {});
    lifecycle.begin("");

    assertThatThrownBy(() -> lifecycle.begin("")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void generation_eachLifecycleStep_recordsOneHistoryEntryWithItsState() {
    List<GenerationInfo> history = new ArrayList<>();
    Generation generation = new Generation(4, "api", g -> history.add(g.info()));

    generation.loading();
    generation.starting(2);
    generation.checking();
    generation.activated("");
    generation.draining();
    generation.retired("");
    generation.collected(Duration.ofMillis(5));

    assertThat(history)
        .extracting(GenerationInfo::state)
        .containsExactly(LOADING, STARTING, CHECKING, ACTIVE, DRAINING, RETIRED, COLLECTED);
    assertThat(history.get(3).activatedAt()).isPresent();
    assertThat(history.get(5).retiredAt()).isPresent();
    assertThat(history.get(6).timeToCollection()).contains(Duration.ofMillis(5));
  }

  @Test
  void generation_failedThenCollected_staysFailedAndNotesTheVerdict() {
    List<GenerationInfo> history = new ArrayList<>();
    Generation generation = new Generation(5, "api", g -> history.add(g.info()));
    generation.loading();
    generation.starting(1);

    generation.failed(new IllegalStateException("boom"), "gen-4 keeps serving");
    generation.collected(Duration.ofMillis(9));
    generation.leaked("still held");

    assertThat(generation.state()).isEqualTo(FAILED);
    assertThat(history).extracting(GenerationInfo::state).containsOnly(LOADING, STARTING, FAILED);
    assertThat(history.get(2).failure()).contains("java.lang.IllegalStateException: boom");
    assertThat(history.get(3).timeToCollection()).contains(Duration.ofMillis(9));
    assertThat(generation.info().failure())
        .as("a failed generation keeps its cause")
        .contains("java.lang.IllegalStateException: boom");
  }

  @Test
  void moveTo_logsOneLineWithTheGenerationAndTheState() {
    Logger logger = (Logger) LoggerFactory.getLogger(GenerationLifecycle.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      Generation generation = new Generation(12, "watch", g -> {});
      generation.loading();
      generation.starting(3);
      generation.failed(new IllegalStateException("no"), "gen-11 keeps serving");
    } finally {
      logger.detachAppender(lines);
    }

    assertThat(lines.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "gen-12 LOADING (trigger: watch)",
            "gen-12 STARTING 3 entries",
            "gen-12 FAILED, gen-11 keeps serving: java.lang.IllegalStateException: no");
  }

  @Test
  void timings_phasesNotReached_endNowAndNeverGoNegative() {
    GenerationLifecycle lifecycle = new GenerationLifecycle("gen-1", () -> {});
    long began = System.nanoTime();
    lifecycle.begin("");
    lifecycle.moveTo(STARTING, () -> {}, "");

    ReloadTimings loading = lifecycle.timings(began);
    lifecycle.moveTo(CHECKING, () -> {}, "");
    lifecycle.moveTo(ACTIVE, () -> {}, "");
    ReloadTimings done = lifecycle.timings(began);

    assertThat(loading.loading()).isEqualTo(done.loading());
    assertThat(done.starting())
        .isEqualTo(Duration.ofNanos(lifecycle.enteredAt(ACTIVE) - lifecycle.enteredAt(STARTING)));
    assertThat(done.total()).isGreaterThanOrEqualTo(done.loading().plus(done.starting()));
    assertThat(loading.starting()).isGreaterThanOrEqualTo(Duration.ZERO);
  }
}
