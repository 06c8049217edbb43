package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import io.hotswap.testing.PackageGraph;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of docs/architecture.md, read from the compiled classes' dependency
 * graph of core and the loader.
 */
class LayoutTest {

  @Test
  void packages_haveNoCycles_besidesTheFactoryThatNamesItsImplementation() {
    PackageGraph graph = PackageGraph.of("io.hotswap").withoutClass(HotSwap.class.getName());
    assertThat(graph.packages()).contains("io.hotswap", "io.hotswap.internal.generation");
    assertThat(graph.cycles()).isEmpty();
  }

  @Test
  void apiPackage_reachesInternalsOnlyThroughTheFactory() {
    assertThat(dependenciesOf("io.hotswap", true, "io.hotswap.internal."))
        .containsExactly(HotSwap.class.getName() + " -> " + HOT_SWAP_INSTANCE);
  }

  @Test
  void core_dependsOnNoCommandLineClusterOrAttachLibrary() {
    assertThat(
            dependenciesOf(
                "io.hotswap",
                false,
                "picocli.",
                "com.hazelcast.",
                "io.vertx.spi.cluster.",
                "com.sun.tools.attach."))
        .isEmpty();
  }

  @Test
  void managementApi_andSpi_dependOnNoOtherInternalPackage() {
    assertThat(dependenciesOf("io.hotswap.management", false, "io.hotswap.internal.")).isEmpty();
    assertThat(dependenciesOf("io.hotswap.internal.spi", false, "io.hotswap.internal."))
        .allMatch(edge -> edge.contains("-> io.hotswap.internal.spi."));
  }

  @Test
  void dependencyScan_seesDependencies_soAnEmptyResultMeansSomething() {
    assertThat(dependenciesOf("io.hotswap.internal.endpoint", "io.vertx.")).isNotEmpty();
  }

  @Test
  void loader_dependsOnNoVertxClass() {
    assertThat(dependenciesOf("io.hotswap.loader", "io.vertx.", "io.netty.")).isEmpty();
  }

  @Test
  void loaderCleanup_dependsOnNoVertxNettyOrJacksonClass() {
    assertThat(dependenciesOf("io.hotswap.loader.cleanup", "java.lang.management."))
        .as("the scan sees the package")
        .isNotEmpty();
    assertThat(
            dependenciesOf("io.hotswap.loader.cleanup", "io.vertx.", "io.netty.", "com.fasterxml."))
        .isEmpty();
  }

  @Test
  void businessApi_dependsOnlyOnVertxAndTheJdk() {
    assertThat(dependenciesOf("io.hotswap.api", "io.hotswap.internal.", "io.hotswap.loader."))
        .isEmpty();
  }

  @Test
  void publicApi_exposesNoInternalType() {
    try (ScanResult scan =
        new ClassGraph()
            .acceptPackagesNonRecursive("io.hotswap")
            .enableClassInfo()
            .enableMethodInfo()
            .scan()) {
      List<String> leaks = new ArrayList<>();
      for (ClassInfo type : scan.getAllClasses()) {
        type.getMethodInfo()
            .filter(method -> method.isPublic())
            .forEach(
                method -> {
                  String signature = method.getTypeSignatureOrTypeDescriptor().toString();
                  if (signature.contains("io.hotswap.internal.")) {
                    leaks.add(type.getName() + "#" + method.getName() + " " + signature);
                  }
                });
      }
      assertThat(leaks).isEmpty();
    }
  }

  private static final String HOT_SWAP_INSTANCE = "io.hotswap.internal.HotSwapInstance";

  private static List<String> dependenciesOf(String packageName, String... forbidden) {
    return dependenciesOf(packageName, false, forbidden);
  }

  /**
   * The dependencies of the classes of {@code packageName} (and its subpackages, unless {@code
   * exact}) on classes whose names start with one of {@code forbidden}, as "from -> to".
   */
  private static List<String> dependenciesOf(
      String packageName, boolean exact, String... forbidden) {
    try (ScanResult scan =
        new ClassGraph()
            .acceptPackages(packageName)
            .enableInterClassDependencies()
            .enableExternalClasses()
            .scan()) {
      List<String> found = new ArrayList<>();
      for (ClassInfo type : scan.getAllClasses()) {
        if (!PackageGraph.isMainClass(type)) {
          continue;
        }
        if (exact
            ? !type.getPackageName().equals(packageName)
            : !type.getPackageName().startsWith(packageName)) {
          continue;
        }
        for (ClassInfo dependency : type.getClassDependencies()) {
          for (String prefix : forbidden) {
            if (dependency.getName().startsWith(prefix)) {
              found.add(type.getName() + " -> " + dependency.getName());
            }
          }
        }
      }
      return found;
    }
  }
}
