package io.hotswap.internal.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.ReloadOutcome;
import io.hotswap.internal.spi.CutoverGate;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReloadQueueTest {
  private final List<ReloadRequest> ran = new ArrayList<>();
  private final List<Promise<ReloadOutcome>> running = new ArrayList<>();
  private final ReloadQueue queue =
      new ReloadQueue(
          request -> {
            ran.add(request);
            Promise<ReloadOutcome> outcome = Promise.promise();
            running.add(outcome);
            return outcome.future();
          });

  @Test
  void submit_triggersDuringAReload_coalesceIntoOneFollowUp() {
    queue.submit(new ReloadRequest("api", false));
    Future<ReloadOutcome> watch = queue.submit(new ReloadRequest("watch", true));
    Future<ReloadOutcome> jmx = queue.submit(new ReloadRequest("jmx", false));

    finishRunning();

    assertThat(ran).hasSize(2);
    assertThat(ran.get(1).trigger()).isEqualTo("watch+jmx");
    assertThat(ran.get(1).onlyIfChanged()).isFalse();
    finishRunning();
    assertThat(watch.result()).isSameAs(jmx.result());
  }

  @Test
  void submit_gatedRequests_runOnTheirOwnInArrivalOrderWithTheirOwnTargets() {
    queue.submit(new ReloadRequest("api", false));
    CutoverGate first = CutoverGate.open();
    CutoverGate second = new CutoverGate();
    Future<ReloadOutcome> rollOne =
        queue.submit(new ReloadRequest("cluster roll 1", false, "aaa", first));
    Future<ReloadOutcome> rollback =
        queue.submit(new ReloadRequest("auto-rollback", false, ReloadRequest.PREVIOUS));
    Future<ReloadOutcome> watch = queue.submit(new ReloadRequest("watch", true));
    Future<ReloadOutcome> rollTwo =
        queue.submit(new ReloadRequest("cluster roll 2", false, "bbb", second));

    for (int i = 0; i < 4; i++) {
      finishRunning();
    }

    assertThat(ran)
        .extracting(ReloadRequest::trigger)
        .containsExactly("api", "cluster roll 1", "auto-rollback+watch", "cluster roll 2");
    assertThat(ran.get(1).gate()).isSameAs(first);
    assertThat(ran.get(1).target()).isEqualTo("aaa");
    assertThat(ran.get(2).target()).isEqualTo(ReloadRequest.PREVIOUS);
    assertThat(ran.get(3).gate()).isSameAs(second);
    assertThat(List.of(rollOne, rollback, watch, rollTwo)).allMatch(Future::succeeded);
    assertThat(rollOne.result()).isNotSameAs(rollTwo.result());
  }

  private void finishRunning() {
    running
        .remove(running.size() - 1)
        .complete(
            new ReloadOutcome(
                ReloadOutcome.Status.ACTIVATED,
                ran.size(),
                0,
                "",
                new ReloadOutcome.ReloadTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO),
                Optional.empty()));
  }
}
