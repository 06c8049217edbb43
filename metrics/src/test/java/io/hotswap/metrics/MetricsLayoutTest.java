package io.hotswap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.PackageGraph;
import org.junit.jupiter.api.Test;

/**
 * The metrics module builds on the public API (and core's internal SPI to turn request timing on),
 * and core knows nothing of Micrometer: an application without Micrometer pays nothing.
 */
class MetricsLayoutTest {

  @Test
  void metrics_usesNoInternalPackage_butTheSpi() {
    // The SPI only to turn request timing on (HotSwapInternal#timeRequests).
    assertThat(
            PackageGraph.edges("io.hotswap.metrics", "io.hotswap.internal.", "io.hotswap.cluster."))
        .allMatch(edge -> edge.contains("-> io.hotswap.internal.spi."));
    assertThat(PackageGraph.edges("io.hotswap.metrics", "io.micrometer.")).isNotEmpty();
  }

  @Test
  void loaderAndCore_dependNotOnMicrometerNorOnMetrics() {
    assertThat(PackageGraph.edges("io.hotswap", "io.micrometer.", "io.hotswap.metrics."))
        .filteredOn(edge -> !edge.startsWith("io.hotswap.metrics."))
        .isEmpty();
  }
}
