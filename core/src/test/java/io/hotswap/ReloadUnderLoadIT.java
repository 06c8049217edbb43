package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.HttpAnswer;
import io.hotswap.testing.LoadDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariants 1, 2 and 9 under real load: no request lost across many reloads. */
class ReloadUnderLoadIT {
  private static final int CLIENTS = 64;
  private static final int RELOADS = 50;
  private static final int ANSWERS_PER_GENERATION = 500;

  @TempDir Path workDir;

  @Test
  void reload_underKeepAliveLoad_answersEveryRequestFromAGenerationActiveWhenDispatched() {
    // Conservative bounds of each generation's active window: the CHECKING event comes just
    // before the cutover is published, the ACTIVE event just after.
    Map<Long, Long> aboutToActivate = new ConcurrentHashMap<>();
    Map<Long, Long> activatedAt = new ConcurrentHashMap<>();
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      aboutToActivate.put(1L, 0L);
      harness
          .hotSwap()
          .addListener(
              info -> {
                if (info.state() == GenerationState.CHECKING) {
                  aboutToActivate.putIfAbsent(info.id(), System.nanoTime());
                } else if (info.state() == GenerationState.ACTIVE) {
                  activatedAt.putIfAbsent(info.id(), System.nanoTime());
                }
              });
      LoadDriver load = new LoadDriver(harness.clientVertx(), harness.port(), "/", CLIENTS);
      load.start();
      List<Long> reloadMillis = new ArrayList<>();
      for (int i = 0; i < RELOADS; i++) {
        // Let every generation serve real traffic before it is replaced.
        long before = load.ok();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> load.ok() >= before + ANSWERS_PER_GENERATION);
        ReloadOutcome outcome = harness.install(i % 2 == 0 ? Fixture.V2 : Fixture.V1);
        assertThat(outcome.activated()).as(outcome.describe()).isTrue();
        reloadMillis.add(outcome.timings().total().toMillis());
      }
      load.stop();

      assertThat(load.failures()).isEmpty();
      assertThat(load.failed()).isZero();
      assertThat(load.ok()).isEqualTo(load.sent());
      List<HttpAnswer> answers = load.answers();
      assertThat(answers).hasSize((int) load.sent());
      Map<Long, Integer> perGeneration = new TreeMap<>();
      for (HttpAnswer answer : answers) {
        long generation = answer.generation();
        perGeneration.merge(generation, 1, Integer::sum);
        Long began = aboutToActivate.get(generation);
        Long ended = activatedAt.get(generation + 1);
        assertThat(began).as("activation of gen-%d", generation).isNotNull();
        // The generation became active before the answer arrived, and its successor was not yet
        // active when the request was sent.
        assertThat(began).isLessThanOrEqualTo(answer.receivedNanos());
        if (ended != null) {
          assertThat(ended).isGreaterThanOrEqualTo(answer.sentNanos());
        }
        assertThat(answer.body()).isEqualTo(generation % 2 == 1 ? "v1" : "v2");
      }
      assertThat(perGeneration.keySet()).hasSizeGreaterThan(RELOADS / 2);

      Collections.sort(reloadMillis);
      System.out.printf(
          "reload under load: %d clients, %d reloads, %d requests sent, %d ok, %d failed;"
              + " reload time p50 %d ms, max %d ms; answers from %d generations%n",
          CLIENTS,
          RELOADS,
          load.sent(),
          load.ok(),
          load.failed(),
          reloadMillis.get(reloadMillis.size() / 2),
          reloadMillis.get(reloadMillis.size() - 1),
          perGeneration.size());
    }
  }
}
