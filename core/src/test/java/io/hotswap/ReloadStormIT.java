package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariant 8: reloads are serialized, and triggers during a reload coalesce. */
class ReloadStormIT {
  private static final int CALLERS = 100;

  @TempDir Path workDir;

  @Test
  void reloadStorm_hundredConcurrentRequests_serializedCoalescedAndEveryCallerAnswered()
      throws Exception {
    try (Harness harness =
        Harness.start(workDir, Fixture.V1, options -> options.maxDraining(CALLERS))) {
      harness.installOnly(Fixture.V2);
      AtomicInteger starting = new AtomicInteger();
      AtomicInteger maxStarting = new AtomicInteger();
      Set<Long> seenStarting = ConcurrentHashMap.newKeySet();
      harness
          .hotSwap()
          .addListener(
              info -> {
                if (info.state() == GenerationState.STARTING && seenStarting.add(info.id())) {
                  maxStarting.accumulateAndGet(starting.incrementAndGet(), Math::max);
                } else if (info.state() == GenerationState.CHECKING
                    || info.state() == GenerationState.FAILED) {
                  if (seenStarting.contains(info.id())) {
                    starting.decrementAndGet();
                  }
                }
              });

      ExecutorService callers = Executors.newFixedThreadPool(16);
      CountDownLatch go = new CountDownLatch(1);
      List<java.util.concurrent.Future<Future<ReloadOutcome>>> submitted = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        submitted.add(
            callers.submit(
                () -> {
                  go.await();
                  return harness.hotSwap().reload("storm");
                }));
      }
      go.countDown();
      List<ReloadOutcome> outcomes = new ArrayList<>();
      for (java.util.concurrent.Future<Future<ReloadOutcome>> caller : submitted) {
        outcomes.add(Harness.await(caller.get(30, TimeUnit.SECONDS)));
      }
      callers.shutdown();

      assertThat(outcomes).hasSize(CALLERS).allMatch(ReloadOutcome::activated);
      long generationsCreated =
          outcomes.stream().mapToLong(ReloadOutcome::generation).distinct().count();
      // One reload may be running when the storm starts; everything else joins one follow-up
      // at a time, so far fewer generations than callers are created.
      assertThat(generationsCreated).isBetween(1L, 10L);
      assertThat(maxStarting.get()).isEqualTo(1);
      assertThat(harness.get("/").body()).isEqualTo("v2");
      System.out.printf(
          "reload storm: %d callers, %d generations created, at most %d STARTING at once%n",
          CALLERS, generationsCreated, maxStarting.get());
    }
  }
}
