package io.hotswap.internal.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On Linux with {@code renice}, the thread that asks runs at nice 10 shortly after, and no other
 * thread changes: not the thread that started it, not the helper's process reaper.
 */
class ReloadThreadPriorityTest {

  @Test
  void lowerCurrentThread_onLinux_theCallingThreadAloneGoesToNice10() throws Exception {
    assumeThat(Files.isDirectory(Path.of("/proc/thread-self"))).as("Linux").isTrue();
    assumeThat(
            Files.isExecutable(Path.of("/usr/bin/renice"))
                || Files.isExecutable(Path.of("/bin/renice")))
        .as("renice installed")
        .isTrue();
    String self = ReloadThreadPriority.currentThreadId();
    int before = ReloadThreadPriority.niceOf(self);
    assumeThat(before).as("the test runs below nice 10").isLessThan(10);
    CompletableFuture<String> lowered = new CompletableFuture<>();
    CompletableFuture<Thread> helper = new CompletableFuture<>();
    CountDownLatch release = new CountDownLatch(1);
    Thread reload =
        new Thread(
            () -> {
              try {
                lowered.complete(ReloadThreadPriority.currentThreadId());
                helper.complete(ReloadThreadPriority.lowerCurrentThread());
                release.await(30, TimeUnit.SECONDS);
              } catch (Exception e) {
                lowered.completeExceptionally(e);
              }
            },
            "test-reload-thread");
    reload.start();
    try {
      String tid = lowered.get(10, TimeUnit.SECONDS);
      Thread renice = helper.get(10, TimeUnit.SECONDS);
      assertThat(renice).isNotNull();
      renice.join(10_000);

      assertThat(ReloadThreadPriority.niceOf(tid)).isEqualTo(10);
      assertThat(ReloadThreadPriority.niceOf(self)).isEqualTo(before);
      assertThat(reaperNice()).allMatch(nice -> nice == before);
    } finally {
      release.countDown();
      reload.join(10_000);
    }
  }

  @Test
  void lowerCurrentThread_propertyZero_leavesTheThreadAlone() throws Exception {
    assumeThat(Files.isDirectory(Path.of("/proc/thread-self"))).as("Linux").isTrue();
    String self = ReloadThreadPriority.currentThreadId();
    int before = ReloadThreadPriority.niceOf(self);
    System.setProperty(ReloadThreadPriority.PROPERTY, "0");
    Thread helper;
    try {
      helper = ReloadThreadPriority.lowerCurrentThread();
    } finally {
      System.clearProperty(ReloadThreadPriority.PROPERTY);
    }
    assertThat(helper).isNull();
    assertThat(ReloadThreadPriority.niceOf(self)).isEqualTo(before);
  }

  /** The nice values of the JDK's process reaper threads, if any started. */
  private static java.util.List<Integer> reaperNice() throws Exception {
    java.util.List<Integer> nice = new java.util.ArrayList<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String comm = Files.readString(task.resolve("comm")).trim();
          if (comm.startsWith("process reaper")) {
            nice.add(ReloadThreadPriority.niceOf(task.getFileName().toString()));
          }
        } catch (java.nio.file.NoSuchFileException exited) {
          // The thread ended between the listing and the read: nothing to check.
        }
      }
    }
    return nice;
  }
}
