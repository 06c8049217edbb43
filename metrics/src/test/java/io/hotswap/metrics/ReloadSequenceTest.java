package io.hotswap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.ReloadOutcome;
import io.hotswap.ReloadRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReloadSequenceTest {
  private final List<ReloadRecord> log = new ArrayList<>();

  private ReloadRecord reload(long generation) {
    ReloadRecord record =
        new ReloadRecord(
            Instant.ofEpochSecond(1_000 + generation),
            "test",
            new ReloadOutcome(
                ReloadOutcome.Status.ACTIVATED,
                generation,
                generation - 1,
                "s" + generation,
                ReloadOutcome.ReloadTimings.NONE,
                Optional.empty()));
    log.add(record);
    return record;
  }

  private List<ReloadRecord> window(int bound) {
    return List.copyOf(log.subList(Math.max(0, log.size() - bound), log.size()));
  }

  @Test
  void next_successiveReports_returnsEachReloadOnce() {
    ReloadSequence sequence = new ReloadSequence();
    reload(1);
    assertThat(sequence.next(window(32), 1).records())
        .extracting(r -> r.outcome().generation())
        .containsExactly(1L);
    assertThat(sequence.next(window(32), 1).records()).isEmpty();
    reload(2);
    reload(3);
    assertThat(sequence.next(window(32), 3).records())
        .extracting(r -> r.outcome().generation())
        .containsExactly(2L, 3L);
    assertThat(sequence.counted()).isEqualTo(3);
  }

  @Test
  void next_firstReportAfterManyReloads_countsThoseOutsideTheWindowAsUnseen() {
    for (int i = 1; i <= 40; i++) {
      reload(i);
    }
    ReloadSequence.Batch batch = new ReloadSequence().next(window(32), 40);
    assertThat(batch.records()).hasSize(32);
    assertThat(batch.unseen()).isEqualTo(8);
  }

  @Test
  void next_windowOverflowedBetweenReports_countsTheMissedOnesOnce() {
    ReloadSequence sequence = new ReloadSequence();
    reload(1);
    sequence.next(window(4), 1);
    for (int i = 2; i <= 10; i++) {
      reload(i);
    }
    ReloadSequence.Batch batch = sequence.next(window(4), 10);
    assertThat(batch.records())
        .extracting(r -> r.outcome().generation())
        .containsExactly(7L, 8L, 9L, 10L);
    assertThat(batch.unseen()).isEqualTo(5);
    assertThat(sequence.counted()).isEqualTo(10);
  }

  @Test
  void next_countAheadOfItsWindow_neverCountsAReloadTwice() {
    ReloadSequence sequence = new ReloadSequence();
    for (int i = 1; i <= 6; i++) {
      reload(i);
    }
    // The count was read after the window: reload 7 ended in between.
    List<ReloadRecord> window = window(4);
    reload(7);
    ReloadSequence.Batch first = sequence.next(window, 7);
    assertThat(first.records()).hasSize(4);
    assertThat(first.unseen()).isEqualTo(3);
    ReloadSequence.Batch second = sequence.next(window(4), 7);
    assertThat(second.records()).isEmpty();
    assertThat(second.unseen()).isZero();
    assertThat(sequence.counted()).isEqualTo(7);
  }

  @Test
  void next_countAheadWithTheLastRecordInTheWindow_countsTheLateOneAtTheNextReport() {
    ReloadSequence sequence = new ReloadSequence();
    reload(1);
    sequence.next(window(32), 1);
    reload(2);
    List<ReloadRecord> window = window(32);
    reload(3);
    assertThat(sequence.next(window, 3).records()).hasSize(1);
    assertThat(sequence.next(window(32), 3).records())
        .extracting(r -> r.outcome().generation())
        .containsExactly(3L);
    assertThat(sequence.counted()).isEqualTo(3);
  }

  @Test
  void triggerKind_unknownTrigger_isOther() {
    assertThat(TriggerKind.of("watch")).isEqualTo("watch");
    assertThat(TriggerKind.of("JMX")).isEqualTo("jmx");
    assertThat(TriggerKind.of("deploy-42")).isEqualTo(TriggerKind.OTHER);
    assertThat(TriggerKind.of(null)).isEqualTo(TriggerKind.OTHER);
  }
}
