package io.hotswap.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotswap.loader.testing.JavaSourceCompiler;
import io.hotswap.loader.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classes that cannot link because an optional dependency is absent, reachable or not. */
class LenientLinkingTest {
  @TempDir Path dir;

  /**
   * Compiles an app whose {@code Plugin} extends {@code optional.Dep}, then drops the dependency.
   */
  private Path appWithoutItsOptionalDependency(String entrySource) {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of(
                "optional.Dep",
                "package optional; public class Dep {}",
                "com.acme.Plugin",
                "package com.acme; public class Plugin extends optional.Dep {}",
                "com.acme.Helper",
                "package com.acme; public class Helper { int twice(int x) {" + " return 2 * x; } }",
                "com.acme.Entry",
                entrySource));
    try {
      Files.delete(JavaSourceCompiler.classFile(classes, "optional.Dep"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return classes;
  }

  @Test
  void defineAll_unreachableClassMissingItsSuperclass_isListedAndTheRestLinks() throws Exception {
    Path classes =
        appWithoutItsOptionalDependency(
            "package com.acme; public class Entry { int f() { return new Helper().twice(2); } }");
    GenerationClassLoader loader = loader(classes);

    List<UnlinkedClass> unlinked = loader.defineAll(List.of("com.acme.Entry"));

    assertThat(unlinked).extracting(UnlinkedClass::className).containsExactly("com.acme.Plugin");
    assertThat(unlinked.get(0).cause()).contains("NoClassDefFoundError").contains("optional/Dep");
    assertThat(unlinked.get(0).describe()).contains("nothing reachable from the entry points");
    assertThat(loader.loadClass("com.acme.Helper").getClassLoader()).isSameAs(loader);
  }

  @Test
  void defineAll_classMissingItsSuperclassReachableFromAnEntryPoint_fails() throws Exception {
    Path classes =
        appWithoutItsOptionalDependency(
            "package com.acme; public class Entry { Object f() { return new Helper() == null ? null"
                + " : new Plugin(); } }");
    GenerationClassLoader loader = loader(classes);

    assertThatThrownBy(() -> loader.defineAll(List.of("com.acme.Entry")))
        .isInstanceOfSatisfying(
            ClassDefinitionException.class,
            e -> {
              assertThat(e.className()).isEqualTo("com.acme.Plugin");
              assertThat(e.getCause()).isInstanceOf(NoClassDefFoundError.class);
            });
  }

  @Test
  void defineAll_reachableOnlyThroughAFieldType_fails() throws Exception {
    Path classes =
        appWithoutItsOptionalDependency(
            "package com.acme; public class Entry { java.util.List<Plugin> plugins; }");

    assertThatThrownBy(() -> loader(classes).defineAll(List.of("com.acme.Entry")))
        .isInstanceOfSatisfying(
            ClassDefinitionException.class,
            e -> assertThat(e.className()).isEqualTo("com.acme.Plugin"));
  }

  @Test
  void defineAll_unreachableTruncatedClassFile_stillFails() throws Exception {
    Path classes = appWithoutItsOptionalDependency("package com.acme; public class Entry {}");
    JavaSourceCompiler.truncate(JavaSourceCompiler.classFile(classes, "com.acme.Helper"));

    assertThatThrownBy(() -> loader(classes).defineAll(List.of("com.acme.Entry")))
        .isInstanceOfSatisfying(
            ClassDefinitionException.class,
            e -> {
              assertThat(e.className()).isEqualTo("com.acme.Helper");
              assertThat(e.getCause()).isInstanceOf(ClassFormatError.class);
            });
  }

  @Test
  void defineAll_withoutEntryPoints_isStrict() throws Exception {
    Path classes = appWithoutItsOptionalDependency("package com.acme; public class Entry {}");

    assertThatThrownBy(() -> loader(classes).defineAll())
        .isInstanceOf(ClassDefinitionException.class)
        .hasMessageContaining("com.acme.Plugin");
  }

  @Test
  void classReferences_ofACompiledClass_namesSuperclassFieldTypesAndCalledClasses()
      throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("refs"),
            Map.of(
                "com.acme.A",
                "package com.acme; public class A {}",
                "com.acme.B",
                "package com.acme; public class B {}",
                "com.acme.C",
                "package com.acme; public class C {}",
                "com.acme.D",
                "package com.acme; public class D extends A { java.util.Map<String, B[]> m;"
                    + " Object f() { return new C(); } }"));
    byte[] bytes = Files.readAllBytes(JavaSourceCompiler.classFile(classes, "com.acme.D"));

    assertThat(ClassReferences.of(java.nio.ByteBuffer.wrap(bytes)))
        .contains("com.acme.A", "com.acme.B", "com.acme.C", "java.util.Map", "java.lang.String");
  }

  private static GenerationClassLoader loader(Path classes) throws Exception {
    Snapshot snapshot = new Snapshotter(CodeSource.of(classes)).take();
    return new GenerationClassLoader(
        1,
        snapshot,
        LenientLinkingTest.class.getClassLoader(),
        ParentFirstPolicy.defaults(),
        TestFiles.of(snapshot));
  }
}
