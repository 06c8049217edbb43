package io.hotswap.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pass that spreads a step over the caller and the define threads. */
@Timeout(60)
class ParallelDefinitionTest {
  private static final List<String> NAMES =
      IntStream.range(0, 1000).mapToObj(i -> String.format("c%04d", i)).toList();

  @Test
  void run_withHelpers_stepsEveryNameOnceOnMoreThanOneThread() throws Exception {
    Map<String, String> stepper = new ConcurrentHashMap<>();
    Map<String, Integer> steps = new ConcurrentHashMap<>();
    CountDownLatch helperStepped = new CountDownLatch(1);
    Thread caller = Thread.currentThread();

    Throwable[] failures =
        ParallelDefinition.run(
            NAMES,
            name -> {
              steps.merge(name, 1, Integer::sum);
              stepper.put(name, Thread.currentThread().getName());
              if (Thread.currentThread() != caller) {
                helperStepped.countDown();
              } else if (name.equals(NAMES.get(0))) {
                await(helperStepped); // the caller holds its first chunk until a helper worked
              }
              return null;
            },
            DefineWorkers.of(2),
            2);

    assertThat(failures).hasSize(NAMES.size()).containsOnlyNulls();
    assertThat(steps).hasSize(NAMES.size()).allSatisfy((name, count) -> assertThat(count).isOne());
    assertThat(stepper.values()).anyMatch(thread -> thread.startsWith("hotswap-define-"));
  }

  @Test
  void run_failingNames_recordsEachAtItsIndexAndStepsTheRest() {
    Map<String, Integer> steps = new ConcurrentHashMap<>();

    Throwable[] failures =
        ParallelDefinition.run(
            NAMES,
            name -> {
              steps.merge(name, 1, Integer::sum);
              if (name.endsWith("7")) {
                return new NoClassDefFoundError(name);
              }
              if (name.equals("c0500")) {
                throw new IllegalStateException(name);
              }
              return null;
            },
            DefineWorkers.of(3),
            3);

    assertThat(steps).hasSize(NAMES.size());
    for (int i = 0; i < NAMES.size(); i++) {
      String name = NAMES.get(i);
      if (name.endsWith("7")) {
        assertThat(failures[i]).isInstanceOf(NoClassDefFoundError.class).hasMessage(name);
      } else if (name.equals("c0500")) {
        assertThat(failures[i]).isInstanceOf(IllegalStateException.class);
      } else {
        assertThat(failures[i]).as(name).isNull();
      }
    }
  }

  @Test
  void run_everyThreadBusy_callerStepsAllAndTheQueuedHelperNeverSteps() throws Exception {
    DefineWorkers workers = DefineWorkers.of(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    assertThat(
            workers.offer(
                () -> {
                  busy.countDown();
                  await(release);
                }))
        .isTrue();
    await(busy);
    Map<String, String> stepper = new ConcurrentHashMap<>();
    try {
      ParallelDefinition.run(
          NAMES,
          name -> {
            stepper.put(name, Thread.currentThread().getName());
            return null;
          },
          workers,
          1);
    } finally {
      release.countDown();
    }

    assertThat(stepper).hasSize(NAMES.size());
    assertThat(stepper.values()).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void run_virtualMachineErrorOnAHelper_isThrownToTheCaller() {
    Thread caller = Thread.currentThread();
    CountDownLatch helperFailed = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                ParallelDefinition.run(
                    NAMES,
                    name -> {
                      if (Thread.currentThread() != caller) {
                        helperFailed.countDown();
                        throw new StackOverflowError("on a helper");
                      }
                      await(helperFailed);
                      return null;
                    },
                    DefineWorkers.of(1),
                    1))
        .isInstanceOf(StackOverflowError.class)
        .hasMessage("on a helper");
  }

  @Test
  void helpersFor_fewClasses_usesNoThreadAndManyUsesAllOfThem() {
    DefineWorkers workers = DefineWorkers.of(3, 100);

    assertThat(workers.helpersFor(30)).isZero();
    assertThat(workers.helpersFor(199)).isZero();
    assertThat(workers.helpersFor(200)).isOne();
    assertThat(workers.helpersFor(5000)).isEqualTo(3);
    assertThat(DefineWorkers.none().helpersFor(5000)).isZero();
    assertThat(DefineWorkers.forMachine().threads())
        .as("one fewer than the processors, at most three")
        .isEqualTo(
            Math.min(DefineWorkers.MAX_THREADS, Runtime.getRuntime().availableProcessors() - 1));
  }

  @Test
  void helpersFor_spareCoresOnly_usesAThreadPerSpareCoreBesideTheCaller() {
    double[] load = {0};
    DefineWorkers workers = new DefineWorkers(3, 100, () -> load[0], 4);

    assertThat(workers.helpersFor(5000)).as("idle 4 cores").isEqualTo(3);
    load[0] = 1.2;
    assertThat(workers.helpersFor(5000)).as("about one core busy").isEqualTo(2);
    load[0] = 3.6;
    assertThat(workers.helpersFor(5000)).as("every core busy").isZero();
    load[0] = 12;
    assertThat(workers.helpersFor(5000)).as("overloaded").isZero();
    load[0] = -1;
    assertThat(workers.helpersFor(5000)).as("load not known").isEqualTo(3);
    load[0] = 0;
    assertThat(workers.helpersFor(150)).as("too few classes").isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).as("latch released in time").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
