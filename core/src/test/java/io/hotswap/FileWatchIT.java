package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.loader.testing.JavaSourceCompiler;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file watch as a trigger, with real file writes into the code source. */
class FileWatchIT {
  private static final String APP = "fixture.app.App";

  @TempDir Path workDir;

  @Test
  void rapidWrites_thenTouch_thenHalfWrittenClass_reloadOnceServeFinalAndNeverBreak()
      throws Exception {
    try (Harness harness =
        Harness.start(
            workDir,
            Fixture.V1,
            options -> options.watch(true).watchQuietPeriod(Duration.ofMillis(300)))) {
      Set<Long> watchGenerations = ConcurrentHashMap.newKeySet();
      harness
          .hotSwap()
          .addListener(
              info -> {
                if (info.trigger().equals("watch")) {
                  watchGenerations.add(info.id());
                }
              });
      byte[] v1 = Files.readAllBytes(JavaSourceCompiler.classFile(harness.codeDir(), APP));
      harness.installOnly(Fixture.V2);
      Path appClass = JavaSourceCompiler.classFile(harness.codeDir(), APP);
      byte[] v2 = Files.readAllBytes(appClass);

      // 20 rapid writes, the last one leaves v2 in place.
      for (int i = 0; i < 19; i++) {
        Files.write(appClass, i % 2 == 0 ? v1 : v2);
      }
      Files.write(appClass, v2);
      await().atMost(Duration.ofSeconds(20)).until(() -> harness.get("/").body().equals("v2"));
      await()
          .during(Duration.ofMillis(800))
          .atMost(Duration.ofSeconds(5))
          .until(() -> watchGenerations.size() <= 2);
      assertThat(watchGenerations).hasSizeBetween(1, 2);
      long generationsBefore = harness.hotSwap().generations().size();

      // A touch that leaves the content as it was: no reload.
      Files.setLastModifiedTime(appClass, FileTime.from(Instant.now().plusSeconds(5)));
      await().atMost(Duration.ofSeconds(10)).until(() -> unchangedByWatch(harness));
      assertThat(harness.hotSwap().generations()).hasSize((int) generationsBefore);

      // A class file cut short mid-write: the active generation is untouched.
      long active = harness.hotSwap().activeGeneration().orElseThrow().id();
      Files.write(appClass, Arrays.copyOf(v1, v1.length / 2));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  harness.hotSwap().generations().stream()
                      .anyMatch(g -> g.id() > active && g.state() == GenerationState.FAILED));
      assertThat(harness.hotSwap().activeGeneration().orElseThrow().id()).isEqualTo(active);
      assertThat(harness.get("/").body()).isEqualTo("v2");

      // Once the write completes, the final content is what runs.
      Files.write(appClass, v1);
      await().atMost(Duration.ofSeconds(20)).until(() -> harness.get("/").body().equals("v1"));
    }
  }

  private static boolean unchangedByWatch(Harness harness) {
    return Harness.await(harness.hotSwap().status()).recentReloads().stream()
        .anyMatch(
            r ->
                r.trigger().equals("watch")
                    && r.outcome().status() == ReloadOutcome.Status.UNCHANGED);
  }
}
