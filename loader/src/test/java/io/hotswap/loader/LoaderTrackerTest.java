package io.hotswap.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.loader.testing.GcAwait;
import io.hotswap.loader.testing.TestFiles;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoaderTrackerTest {

  /** The negative control's pin: a strong static reference, as a leaking host would hold. */
  private static volatile ClassLoader pinned;

  private LoaderTracker tracker;

  @AfterEach
  void close() {
    pinned = null;
    if (tracker != null) {
      tracker.close();
    }
  }

  @Test
  void track_droppedLoader_endsCollected() throws Exception {
    tracker = new LoaderTracker(Duration.ofSeconds(30));
    TrackedLoader tracked = trackNewLoader("gen-1");

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () -> {
              System.gc();
              assertThat(tracked.state()).isEqualTo(LoaderFate.COLLECTED);
            });

    assertThat(tracked.fate().get(1, TimeUnit.SECONDS)).isEqualTo(LoaderFate.COLLECTED);
    assertThat(tracked.timeToCollection()).isPositive();
    assertThat(tracked.label()).isEqualTo("gen-1");
    assertThat(tracker.tracked()).contains(tracked);
  }

  @Test
  void track_droppedLoaderInIdleJvm_trackerForcesGcAndEndsCollected() throws Exception {
    tracker = new LoaderTracker(Duration.ofMillis(100));
    TrackedLoader tracked = trackNewLoader("gen-2");

    assertThat(tracked.fate().get(10, TimeUnit.SECONDS)).isEqualTo(LoaderFate.COLLECTED);
    assertThat(tracked.state()).isEqualTo(LoaderFate.COLLECTED);
  }

  @Test
  void track_loaderPinnedByStaticField_endsLeakedThenCollectedWhenReleased() throws Exception {
    tracker = new LoaderTracker(Duration.ofMillis(200));
    WeakReference<ClassLoader> weak = pinNewLoader();
    TrackedLoader tracked = tracker.track("gen-3", weak.get());

    assertThat(tracked.fate().get(10, TimeUnit.SECONDS)).isEqualTo(LoaderFate.LEAKED);
    assertThat(tracked.state()).isEqualTo(LoaderFate.LEAKED);
    assertThat(tracked.timeToCollection()).isNull();
    assertThat(GcAwait.awaitCollected(weak, Duration.ofMillis(300))).isFalse();

    pinned = null;

    assertThat(GcAwait.awaitCollected(weak, Duration.ofSeconds(10))).isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(tracked.state()).isEqualTo(LoaderFate.COLLECTED));
  }

  @Test
  void constructor_anyTimeout_startsNamedDaemonThreadAndCloseStopsIt() {
    tracker = new LoaderTracker(Duration.ofSeconds(1));

    Thread thread = trackerThread();
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).matches("hotswap-loader-tracker-\\d+");

    tracker.close();

    await().atMost(Duration.ofSeconds(5)).until(() -> !thread.isAlive());
  }

  private Thread trackerThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("hotswap-loader-tracker-"))
        .filter(Thread::isAlive)
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  /** Builds, uses and tracks a loader in a frame of its own, returning no reference to it. */
  private TrackedLoader trackNewLoader(String label) throws Exception {
    GenerationClassLoader loader = newLoader();
    loader.defineAll();
    return tracker.track(label, loader);
  }

  private WeakReference<ClassLoader> pinNewLoader() {
    GenerationClassLoader loader = newLoader();
    pinned = loader;
    return new WeakReference<>(loader);
  }

  private static GenerationClassLoader newLoader() {
    Snapshot snapshot = Snapshot.of(Map.of("x.txt", new byte[] {1}));
    return new GenerationClassLoader(
        1,
        snapshot,
        LoaderTrackerTest.class.getClassLoader(),
        ParentFirstPolicy.defaults(),
        TestFiles.of(snapshot));
  }
}
