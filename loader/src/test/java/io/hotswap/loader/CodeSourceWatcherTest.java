package io.hotswap.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hotswap.loader.CodeSourceWatcher.WatchOptions;
import io.hotswap.loader.testing.Jars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class CodeSourceWatcherTest {

  private static final Duration QUIET = Duration.ofMillis(200);

  /** Generous for a loaded 2-core machine; a passing test returns as soon as the callback ran. */
  private static final Duration SETTLE_BOUND = Duration.ofSeconds(5);

  /** How long "no further callback" is observed: several quiet periods. */
  private static final Duration SILENCE = Duration.ofMillis(800);

  @TempDir Path dir;
  private final AtomicInteger callbacks = new AtomicInteger();
  private final List<CodeSourceWatcher> watchers = new ArrayList<>();

  @AfterEach
  void closeWatchers() {
    watchers.forEach(CodeSourceWatcher::close);
  }

  @Test
  void start_twentyRapidWrites_reportsOnce() throws Exception {
    Path classes = Files.createDirectory(dir.resolve("classes"));
    watch(new CodeSource.Directory(classes), options());

    for (int i = 0; i < 20; i++) {
      write(classes.resolve("com/acme/C" + i + ".class"), "class " + i);
    }

    awaitCallbacks(1);
    assertStaysAt(1);
  }

  @Test
  void start_fileInSubdirectoryCreatedAfterStart_reported() throws Exception {
    Path classes = Files.createDirectory(dir.resolve("classes"));
    watch(new CodeSource.Directory(classes), options());
    Path sub = Files.createDirectories(classes.resolve("com/acme/fresh"));
    awaitCallbacks(1);

    write(sub.resolve("New.class"), "new");

    awaitCallbacks(2);
  }

  @Test
  void start_triggerFileOutsideTree_onlyTriggerCounts() throws Exception {
    Path classes = Files.createDirectory(dir.resolve("classes"));
    Path trigger = dir.resolve(".hotswap-trigger");
    watch(new CodeSource.Directory(classes), options().withTriggerFile(trigger));

    write(classes.resolve("com/acme/A.class"), "a");
    write(dir.resolve("unrelated.txt"), "x");
    assertStaysAt(0);

    write(trigger, "done");
    awaitCallbacks(1);
    assertStaysAt(1);
  }

  @Test
  void start_triggerFileInsideTree_onlyTriggerCounts() throws Exception {
    Path classes = Files.createDirectory(dir.resolve("classes"));
    Path trigger = classes.resolve("META-INF/.hotswap-trigger");
    watch(new CodeSource.Directory(classes), options().withTriggerFile(trigger));

    write(classes.resolve("com/acme/A.class"), "a");
    write(classes.resolve("META-INF/x.txt"), "x");
    assertStaysAt(0);

    write(trigger, "done");
    awaitCallbacks(1);
  }

  @Test
  void start_jarSource_reportsJarRewriteButNotSibling() throws Exception {
    Path jar = Jars.write(dir.resolve("app.jar"), Map.of("com/acme/A.class", "v1".getBytes(UTF_8)));
    watch(new CodeSource.Jar(jar), options());

    write(dir.resolve("sibling.txt"), "x");
    Files.createDirectory(dir.resolve("classes"));
    assertStaysAt(0);

    Jars.write(jar, Map.of("com/acme/A.class", "v2".getBytes(UTF_8)));
    awaitCallbacks(1);
  }

  @Test
  void close_stopsCallbacksAndThreads() throws Exception {
    Path classes = Files.createDirectory(dir.resolve("classes"));
    CodeSourceWatcher watcher = watch(new CodeSource.Directory(classes), options());

    watcher.close();
    watcher.close(); // idempotent
    write(classes.resolve("A.class"), "a");

    assertStaysAt(0);
    assertThat(watcherThreadsAlive()).isZero();
  }

  @Test
  void onSettled_throws_laterChangesStillReported() throws Exception {
    Path classes = Files.createDirectory(dir.resolve("classes"));
    watch(
        new CodeSource.Directory(classes),
        options(),
        () -> {
          if (callbacks.incrementAndGet() == 1) {
            throw new IllegalStateException("reload failed (expected by the test)");
          }
        });

    write(classes.resolve("A.class"), "a");
    awaitCallbacks(1);
    write(classes.resolve("A.class"), "a2");

    awaitCallbacks(2);
  }

  @Test
  void start_missingCodeSource_throws() {
    assertThatThrownBy(
            () ->
                CodeSourceWatcher.start(
                    new CodeSource.Directory(dir.resolve("missing")), options(), () -> {}))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void watchOptions_nonPositiveQuietPeriod_rejected() {
    assertThatThrownBy(() -> new WatchOptions(Duration.ZERO, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WatchOptions(Duration.ofMillis(-1), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(WatchOptions.defaults())
        .isEqualTo(new WatchOptions(Duration.ofMillis(300), Optional.empty()));
  }

  private static WatchOptions options() {
    return WatchOptions.defaults().withQuietPeriod(QUIET);
  }

  private CodeSourceWatcher watch(CodeSource source, WatchOptions options) throws IOException {
    return watch(source, options, callbacks::incrementAndGet);
  }

  private CodeSourceWatcher watch(CodeSource source, WatchOptions options, Runnable onSettled)
      throws IOException {
    CodeSourceWatcher watcher = CodeSourceWatcher.start(source, options, onSettled);
    watchers.add(watcher);
    return watcher;
  }

  private void awaitCallbacks(int expected) {
    await().atMost(SETTLE_BOUND).untilAsserted(() -> assertThat(callbacks).hasValue(expected));
  }

  /** No (further) callback within a window of several quiet periods. */
  private void assertStaysAt(int expected) {
    await()
        .during(SILENCE)
        .atMost(SILENCE.plus(SETTLE_BOUND))
        .untilAsserted(() -> assertThat(callbacks).hasValue(expected));
  }

  private static long watcherThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("hotswap-watch-"))
        .count();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, UTF_8);
  }
}
