package io.hotswap.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import io.hotswap.testing.PackageGraph;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracing module reaches core's internals only through {@code io.hotswap.internal.spi}. */
class TracingLayoutTest {

  @Test
  void tracingModule_reachesCoreInternalsOnlyThroughTheSpi() {
    List<String> edges = new ArrayList<>();
    try (ScanResult scan =
        new ClassGraph()
            .acceptPackages("io.hotswap.opentelemetry")
            .enableInterClassDependencies()
            .enableExternalClasses()
            .scan()) {
      for (ClassInfo type : scan.getAllClasses()) {
        if (!PackageGraph.isMainClass(type)
            || !type.getPackageName().startsWith("io.hotswap.opentelemetry")) {
          continue;
        }
        for (ClassInfo dependency : type.getClassDependencies()) {
          if (dependency.getName().startsWith("io.hotswap.internal.")) {
            edges.add(type.getName() + " -> " + dependency.getName());
          }
        }
      }
    }
    assertThat(edges).isNotEmpty().allMatch(edge -> edge.contains("-> io.hotswap.internal.spi."));
  }
}
