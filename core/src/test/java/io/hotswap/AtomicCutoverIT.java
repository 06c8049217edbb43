package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.HttpAnswer;
import io.hotswap.testing.LoadDriver;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 4: once any endpoint answered from generation N+1, no request sent afterwards, on any
 * endpoint, is answered by generation N or older.
 */
class AtomicCutoverIT {
  private static final int RELOADS = 20;

  @TempDir Path workDir;

  @Test
  void cutover_acrossHttpAndEventBusEndpoints_neverGoesBackToAnOlderGeneration() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      Queue<Observation> observations = new ConcurrentLinkedQueue<>();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong busFailures = new AtomicLong();
      List<Future<Void>> busLoops = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Promise<Void> done = Promise.promise();
        busLoops.add(done.future());
        greetLoop(harness, running, observations, busFailures, done);
      }
      LoadDriver http = new LoadDriver(harness.clientVertx(), harness.port(), "/", 16).start();

      for (int i = 0; i < RELOADS; i++) {
        assertThat(harness.install(i % 2 == 0 ? Fixture.V2 : Fixture.V1).activated()).isTrue();
      }
      running.set(false);
      http.stop();
      Harness.await(Future.all(busLoops));

      assertThat(http.failed()).isZero();
      assertThat(busFailures.get()).isZero();
      for (HttpAnswer answer : http.answers()) {
        observations.add(
            new Observation(
                "http", answer.generation(), answer.sentNanos(), answer.receivedNanos()));
      }
      // The earliest moment each generation was seen answering, on any endpoint.
      Map<Long, Long> firstSeen = new TreeMap<>();
      for (Observation seen : observations) {
        firstSeen.merge(seen.generation(), seen.received(), Math::min);
      }
      List<Map.Entry<Long, Long>> byTime = new ArrayList<>(firstSeen.entrySet());
      byTime.sort(Map.Entry.comparingByValue());
      List<Observation> violations = new ArrayList<>();
      for (Observation seen : observations) {
        for (Map.Entry<Long, Long> newer : byTime) {
          if (newer.getValue() >= seen.sent()) {
            break;
          }
          if (newer.getKey() > seen.generation()) {
            violations.add(seen);
            break;
          }
        }
      }
      assertThat(violations).isEmpty();
      assertThat(observations.stream().filter(o -> o.endpoint().equals("bus")).count())
          .isPositive();
      assertThat(firstSeen.keySet()).hasSizeGreaterThan(RELOADS / 2);
      // The loops may all have sent their last request before the last cutover (a reload takes
      // tens of milliseconds here), so ask once more on each endpoint after it.
      assertThat(harness.get("/").generation()).isEqualTo(RELOADS + 1);
      assertThat(harness.greet("hi")).startsWith("v1 gen-" + (RELOADS + 1) + " ");
    }
  }

  private static void greetLoop(
      Harness harness,
      AtomicBoolean running,
      Queue<Observation> observations,
      AtomicLong failures,
      Promise<Void> done) {
    if (!running.get()) {
      done.complete();
      return;
    }
    long sent = System.nanoTime();
    harness
        .greetAsync("hi")
        .onComplete(
            reply -> {
              if (reply.succeeded()) {
                // "v1 gen-7 hi"
                String generation = reply.result().split(" ")[1].substring("gen-".length());
                observations.add(
                    new Observation("bus", Long.parseLong(generation), sent, System.nanoTime()));
              } else {
                failures.incrementAndGet();
              }
              greetLoop(harness, running, observations, failures, done);
            });
  }

  private record Observation(String endpoint, long generation, long sent, long received) {}
}
