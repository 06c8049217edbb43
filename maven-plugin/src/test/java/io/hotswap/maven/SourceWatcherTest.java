package io.hotswap.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWatcherTest {
  @TempDir Path temp;

  @Test
  void burstOfChanges_thenNewDirectory_rebuildsOncePerQuietPeriod() throws IOException {
    Path sources = Files.createDirectories(temp.resolve("src/app"));
    AtomicInteger rebuilds = new AtomicInteger();
    SourceWatcher watcher =
        SourceWatcher.start(
            List.of(temp.resolve("src"), temp.resolve("absent")),
            Duration.ofMillis(1000),
            rebuilds::incrementAndGet);
    try {
      for (int i = 0; i < 5; i++) {
        Files.writeString(sources.resolve("A" + i + ".java"), "class A" + i + " {}");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> rebuilds.get() == 1);
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> rebuilds.get() == 1);

      Path created = Files.createDirectories(temp.resolve("src/app/created"));
      await().atMost(Duration.ofSeconds(10)).until(() -> rebuilds.get() == 2);
      Files.writeString(created.resolve("B.java"), "class B {}");
      await().atMost(Duration.ofSeconds(10)).until(() -> rebuilds.get() == 3);
    } finally {
      watcher.close();
    }
    assertThat(rebuilds.get()).isEqualTo(3);
  }
}
