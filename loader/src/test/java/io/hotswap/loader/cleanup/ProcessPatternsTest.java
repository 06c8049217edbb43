package io.hotswap.loader.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.loader.testing.StandInLoader;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The process-level patterns, run in their order, against a stand-in "retired" loader, with the JDK
 * opened (the test JVM has the flags of {@link JdkAccess#FLAGS}) and with it closed (the degraded
 * path).
 */
class ProcessPatternsTest {
  private static final JdkAccess CLOSED = new JdkAccess(type -> false);
  private static final ThreadLocal<Object> LOCAL = new ThreadLocal<>();

  private URLClassLoader retired;

  @BeforeEach
  void createRetiredLoader() {
    retired = StandInLoader.create();
  }

  @AfterEach
  void clear() throws Exception {
    LOCAL.remove();
    retired.close();
  }

  @Test
  void clean_threadLocalValueOfRetiredClass_isClearedAndWasNamedBefore() throws Exception {
    Object marker = StandInLoader.newMarker(retired);
    assertThat(marker.getClass().getClassLoader()).isSameAs(retired);
    LOCAL.set(marker);
    marker = null;
    ProcessPatterns patterns = new ProcessPatterns(hostLoader(), Duration.ofSeconds(1));

    assertThat(findHolders(patterns))
        .anySatisfy(holder -> assertThat(holder).contains("ThreadLocal").contains("Marker"));
    CleanupReport report = clean(patterns);

    assertThat(LOCAL.get()).isNull();
    assertThat(report.released()).anySatisfy(line -> assertThat(line).contains("ThreadLocal"));
  }

  @Test
  void clean_closedJdk_skipsThreadLocalsWithoutFailing() throws Exception {
    LOCAL.set(StandInLoader.newMarker(retired));

    assertThat(new ThreadLocalCleaner(CLOSED).available()).isFalse();
    CleanupReport report = clean(new ProcessPatterns(CLOSED, hostLoader(), Duration.ofSeconds(1)));

    assertThat(LOCAL.get()).isNotNull();
    assertThat(report.remaining()).isEmpty();
  }

  @Test
  void clean_closedJdk_stillStopsPlainThreadCreatedWithRetiredContextLoader() throws Exception {
    Thread thread = parkingThread("unit-owned");
    thread.setContextClassLoader(retired);
    thread.start();

    CleanupReport report = clean(new ProcessPatterns(CLOSED, hostLoader(), Duration.ofSeconds(5)));

    assertThat(thread.isAlive()).isFalse();
    assertThat(report.released()).contains("thread 'unit-owned' (TERMINATED) stopped");
  }

  @Test
  void clean_hostThreadWithRetiredContextLoader_isNotStoppedButReset() throws Exception {
    Thread thread = parkingThread("unit-host");
    thread.setContextClassLoader(retired);
    thread.start();
    try {
      CleanupReport report = clean(new ProcessPatterns(hostLoader(), Duration.ofSeconds(1)));

      assertThat(thread.isAlive()).isTrue();
      assertThat(thread.getContextClassLoader()).isSameAs(hostLoader());
      assertThat(report.released()).contains("context classloader of thread 'unit-host'");
    } finally {
      thread.interrupt();
      thread.join(5_000);
    }
  }

  @Test
  void jdkAccess_closed_givesNoFieldAndNamesEveryFlag() {
    assertThat(CLOSED.field(Thread.class, "threadLocals", "a test")).isEmpty();
    assertThat(JdkAccess.FLAGS)
        .contains(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED");
    assertThat(JdkAccess.platform().isOpen(Thread.class)).as("test JVM flags").isTrue();
  }

  @Test
  void around_putsHostLibraryPatternsBetweenTheProcessOnesAndTheContextLoaderSweep() {
    LeakPattern hostLibrary = (code, report) -> {};

    List<LeakPattern> all =
        new ProcessPatterns(hostLoader(), Duration.ofSeconds(1)).around(List.of(hostLibrary));

    assertThat(all.stream().map(pattern -> pattern.getClass().getSimpleName()).toList())
        .startsWith(
            "OwnedThreads",
            "ShutdownHookCleaner",
            "ThreadLocalCleaner",
            "JdbcDriverCleaner",
            "MBeanCleaner",
            "SecurityProviderCleaner",
            "LoggingCleaner",
            "JdkCacheFlusher")
        .endsWith("ContextClassLoaderSweeper")
        .hasSize(10);
    assertThat(all.get(8)).isSameAs(hostLibrary);
  }

  /** Runs every pattern in order, as the host's cleaner does. */
  private CleanupReport clean(ProcessPatterns patterns) {
    RetiredCode code = new RetiredCode("gen-9", retired);
    CleanupReport report = new CleanupReport("gen-9");
    patterns.around(List.of()).forEach(pattern -> pattern.clean(code, report));
    return report;
  }

  private List<String> findHolders(ProcessPatterns patterns) {
    RetiredCode code = new RetiredCode("gen-9", retired);
    List<String> holders = new ArrayList<>();
    patterns.around(List.of()).forEach(pattern -> pattern.findHolders(code, holders));
    return holders;
  }

  private static Thread parkingThread(String name) {
    Thread thread =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(10_000_000L);
              }
            },
            name);
    thread.setDaemon(true);
    return thread;
  }

  private static ClassLoader hostLoader() {
    return ProcessPatternsTest.class.getClassLoader();
  }
}
