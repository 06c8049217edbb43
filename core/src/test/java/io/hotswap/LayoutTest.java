package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module layout the design asks for, read from the compiled classes' dependency graph. */
class LayoutTest {

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

  private static List<String> dependenciesOf(String packageName, String... forbidden) {
    try (ScanResult scan =
        new ClassGraph()
            .acceptPackages(packageName)
            .enableInterClassDependencies()
            .enableExternalClasses()
            .scan()) {
      List<String> found = new ArrayList<>();
      for (ClassInfo type : scan.getAllClasses()) {
        if (!type.getPackageName().startsWith(packageName)) {
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
