package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.PackageGraph;
import org.junit.jupiter.api.Test;

/**
 * The rules between modules (docs/architecture.md), read from the compiled classes of every module
 * on this module's test classpath: loader, core, cluster and the command line.
 */
class ModuleLayoutTest {

  @Test
  void allModules_haveNoPackageCycles_besidesTheEntryPointsThatNameTheirImplementation() {
    PackageGraph graph =
        PackageGraph.of("io.hotswap")
            .withoutClass("io.hotswap.HotSwap")
            .withoutClass("io.hotswap.cluster.HotSwapCluster");
    assertThat(graph.packages())
        .contains("io.hotswap.cli", "io.hotswap.cluster.internal", "io.hotswap.loader");
    assertThat(graph.cycles()).isEmpty();
  }

  @Test
  void cluster_reachesCoreInternalsOnlyThroughTheSpi() {
    assertThat(PackageGraph.edges("io.hotswap.cluster", "io.hotswap.internal."))
        .isNotEmpty()
        .allMatch(edge -> edge.contains("-> io.hotswap.internal.spi."));
  }

  @Test
  void clusterApi_reachesItsInternalsOnlyThroughItsEntryPoint() {
    assertThat(PackageGraph.edges("io.hotswap.cluster", "io.hotswap.cluster.internal."))
        .filteredOn(edge -> !edge.startsWith("io.hotswap.cluster.internal."))
        .isNotEmpty()
        .allMatch(edge -> edge.startsWith("io.hotswap.cluster.HotSwapCluster -> "));
  }

  @Test
  void commandLine_usesNoInternalPackage_butCoresSpi() {
    // The SPI, exported for hotswap's own modules, to stop a host whose launcher is gone.
    assertThat(
            PackageGraph.edges(
                "io.hotswap.cli", "io.hotswap.internal.", "io.hotswap.cluster.internal."))
        .allMatch(edge -> edge.contains(" -> io.hotswap.internal.spi."));
  }

  @Test
  void core_andLoader_dependOnNeitherClusterNorCommandLine() {
    assertThat(PackageGraph.edges("io.hotswap.internal", "io.hotswap.cluster", "io.hotswap.cli"))
        .isEmpty();
    assertThat(PackageGraph.edges("io.hotswap.loader", "io.hotswap.cluster", "io.hotswap.cli"))
        .isEmpty();
  }
}
