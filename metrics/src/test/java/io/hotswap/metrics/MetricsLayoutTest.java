package io.hotswap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import io.hotswap.testing.PackageGraph;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The metrics module builds on the public API (and core's internal SPI to turn request timing on),
 * and core knows nothing of Micrometer: an application without Micrometer pays nothing.
 */
class MetricsLayoutTest {

  @Test
  void metrics_usesNoInternalPackage_butTheSpi() {
    // The SPI only to turn request timing on (HotSwapInternal#timeRequests).
    assertThat(edges("io.hotswap.metrics", "io.hotswap.internal.", "io.hotswap.cluster."))
        .allMatch(edge -> edge.contains("-> io.hotswap.internal.spi."));
    assertThat(edges("io.hotswap.metrics", "io.micrometer.")).isNotEmpty();
  }

  @Test
  void loaderAndCore_dependNotOnMicrometerNorOnMetrics() {
    assertThat(edges("io.hotswap", "io.micrometer.", "io.hotswap.metrics."))
        .filteredOn(edge -> !edge.startsWith("io.hotswap.metrics."))
        .isEmpty();
  }

  /** The class dependencies "from -> to" of main classes under {@code from} on {@code prefixes}. */
  private static List<String> edges(String from, String... prefixes) {
    List<String> found = new ArrayList<>();
    try (ScanResult scan =
        new ClassGraph()
            .acceptPackages(from)
            .enableInterClassDependencies()
            .enableExternalClasses()
            .scan()) {
      for (ClassInfo type : scan.getAllClasses()) {
        if (!PackageGraph.isMainClass(type) || !type.getPackageName().startsWith(from)) {
          continue;
        }
        for (ClassInfo dependency : type.getClassDependencies()) {
          for (String prefix : prefixes) {
            if (dependency.getName().startsWith(prefix)) {
              found.add(type.getName() + " -> " + dependency.getName());
            }
          }
        }
      }
    }
    return found;
  }
}
