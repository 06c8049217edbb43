package io.hotswap.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.PackageGraph;
import org.junit.jupiter.api.Test;

/** The tracing module reaches core's internals only through {@code io.hotswap.internal.spi}. */
class TracingLayoutTest {

  @Test
  void tracingModule_reachesCoreInternalsOnlyThroughTheSpi() {
    assertThat(PackageGraph.edges("io.hotswap.opentelemetry", "io.hotswap.internal."))
        .isNotEmpty()
        .allMatch(edge -> edge.contains("-> io.hotswap.internal.spi."));
  }
}
