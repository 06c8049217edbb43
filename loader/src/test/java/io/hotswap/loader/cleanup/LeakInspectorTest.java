package io.hotswap.loader.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The LEAKED text, from what a {@link HolderSearch} names; no heap dump directory configured. */
class LeakInspectorTest {
  private final ClassLoader loader = new ClassLoader("hotswap-gen-3", null) {};

  @Test
  void explain_namedHolders_listsEachOfThem() {
    HolderSearch search = (label, ref) -> List.of("thread 'a' runs its code", "MBean x");

    String text =
        new LeakInspector(search, Optional.empty(), "app")
            .explain("gen-3", new WeakReference<>(loader));

    assertThat(text)
        .isEqualTo("its classloader is still reachable; held by thread 'a' runs its code; MBean x");
  }

  @Test
  void explain_noHolderNamed_pointsAtStaticFieldsOfHostClasses() {
    HolderSearch search = (label, ref) -> List.of();

    String text =
        new LeakInspector(search, Optional.empty(), "app")
            .explain("gen-3", new WeakReference<>(loader));

    assertThat(text)
        .startsWith("its classloader is still reachable; no thread, ThreadLocal")
        .contains("look for a static field of a host class")
        .doesNotContain("heap dump");
  }
}
