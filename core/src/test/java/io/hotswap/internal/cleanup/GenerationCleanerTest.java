package io.hotswap.internal.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.loader.cleanup.CleanupReport;
import io.hotswap.loader.testing.StandInLoader;
import java.lang.ref.WeakReference;
import java.net.URLClassLoader;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host's cleaner runs the loader's process-level patterns (each one is tested in the loader
 * module, {@code ProcessPatternsTest}) against a stand-in "retired" loader, without a host Vert.x.
 */
class GenerationCleanerTest {
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
    GenerationCleaner cleaner = new GenerationCleaner(hostLoader(), Duration.ofSeconds(1));

    assertThat(cleaner.findHolders("gen-9", new WeakReference<>(retired)))
        .anySatisfy(holder -> assertThat(holder).contains("ThreadLocal").contains("Marker"));
    CleanupReport report = cleaner.clean("gen-9", retired);

    assertThat(LOCAL.get()).isNull();
    assertThat(report.released()).anySatisfy(line -> assertThat(line).contains("ThreadLocal"));
    assertThat(report.label()).isEqualTo("gen-9");
  }

  @Test
  void findHolders_loaderCollectedMeanwhile_isEmpty() {
    GenerationCleaner cleaner = new GenerationCleaner(hostLoader(), Duration.ofSeconds(1));

    assertThat(cleaner.findHolders("gen-9", new WeakReference<>(null))).isEmpty();
  }

  private static ClassLoader hostLoader() {
    return GenerationCleanerTest.class.getClassLoader();
  }
}
