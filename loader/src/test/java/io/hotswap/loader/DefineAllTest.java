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

class DefineAllTest {

  @TempDir Path dir;

  @Test
  void defineAll_validClasses_definesWithoutRunningStaticInitializers() throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of(
                "com.acme.Boom",
                "package com.acme; public class Boom { static { if (true) throw new"
                    + " IllegalStateException(\"static initializer ran\"); } }",
                "com.acme.Fine",
                "package com.acme; public class Fine extends Boom { Boom boom; }"));
    GenerationClassLoader loader = loader(classes, ParentFirstPolicy.defaults());

    loader.defineAll();

    assertThatThrownBy(() -> Class.forName("com.acme.Fine", true, loader))
        .isInstanceOf(ExceptionInInitializerError.class);
  }

  @Test
  void defineAll_truncatedClassFile_failsNamingClass() throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of(
                "com.acme.Good", "package com.acme; public class Good {}",
                "com.acme.Broken", "package com.acme; public class Broken { int x; void f() {} }"));
    JavaSourceCompiler.truncate(JavaSourceCompiler.classFile(classes, "com.acme.Broken"));
    GenerationClassLoader loader = loader(classes, ParentFirstPolicy.defaults());

    assertThatThrownBy(loader::defineAll)
        .isInstanceOfSatisfying(
            ClassDefinitionException.class,
            e -> {
              assertThat(e.className()).isEqualTo("com.acme.Broken");
              assertThat(e.getCause()).isInstanceOf(ClassFormatError.class);
            })
        .hasMessageStartingWith("com.acme.Broken: java.lang.ClassFormatError");
  }

  @Test
  void defineAll_bytecodeFailingVerification_failsNamingClass() throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of(
                "com.acme.Unverifiable",
                "package com.acme; public class Unverifiable { public static int f() { return"
                    + " 12345; } }"));
    Path classFile = JavaSourceCompiler.classFile(classes, "com.acme.Unverifiable");
    // sipush 12345; ireturn  ->  aconst_null; nop; nop; ireturn: returns a reference as an int.
    patch(classFile, new byte[] {0x11, 0x30, 0x39, (byte) 0xAC}, new byte[] {0x01, 0x00, 0x00});
    GenerationClassLoader loader = loader(classes, ParentFirstPolicy.defaults());

    assertThatThrownBy(loader::defineAll)
        .isInstanceOfSatisfying(
            ClassDefinitionException.class,
            e -> {
              assertThat(e.className()).isEqualTo("com.acme.Unverifiable");
              assertThat(e.getCause()).isInstanceOf(VerifyError.class);
            })
        .hasMessageStartingWith("com.acme.Unverifiable: java.lang.VerifyError");
  }

  @Test
  void defineAll_missingSuperclass_failsNamingClass() throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of(
                "com.acme.Base", "package com.acme; public class Base {}",
                "com.acme.Child", "package com.acme; public class Child extends Base {}"));
    Files.delete(JavaSourceCompiler.classFile(classes, "com.acme.Base"));
    GenerationClassLoader loader = loader(classes, ParentFirstPolicy.defaults());

    assertThatThrownBy(loader::defineAll)
        .isInstanceOfSatisfying(
            ClassDefinitionException.class,
            e -> {
              assertThat(e.className()).isEqualTo("com.acme.Child");
              assertThat(e.getCause()).isInstanceOf(NoClassDefFoundError.class);
            })
        .hasMessageContaining("com/acme/Base");
  }

  @Test
  void defineAll_parentFirstClassThatParentHas_skipped() throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of("com.acme.Mine", "package com.acme; public class Mine {}"));
    // A truncated copy of a class the parent has: never defined, so never fails.
    Path copy = classes.resolve("org/slf4j/Logger.class");
    Files.createDirectories(copy.getParent());
    Files.write(copy, new byte[] {(byte) 0xCA, (byte) 0xFE});
    GenerationClassLoader loader = loader(classes, ParentFirstPolicy.defaults());

    loader.defineAll();

    assertThat(loader.loadClass("org.slf4j.Logger")).isSameAs(org.slf4j.Logger.class);
    assertThat(loader.loadClass("com.acme.Mine").getClassLoader()).isSameAs(loader);
  }

  private static void patch(Path classFile, byte[] find, byte[] replace) throws Exception {
    byte[] bytes = Files.readAllBytes(classFile);
    List<Integer> hits = new java.util.ArrayList<>();
    for (int i = 0; i + find.length <= bytes.length; i++) {
      if (java.util.Arrays.equals(bytes, i, i + find.length, find, 0, find.length)) {
        hits.add(i);
      }
    }
    assertThat(hits).as("occurrences of the bytecode to patch").hasSize(1);
    System.arraycopy(replace, 0, bytes, hits.get(0), replace.length);
    Files.write(classFile, bytes);
  }

  private static GenerationClassLoader loader(Path classes, ParentFirstPolicy policy)
      throws Exception {
    Snapshot snapshot = new Snapshotter(CodeSource.of(classes)).take();
    return new GenerationClassLoader(
        1, snapshot, DefineAllTest.class.getClassLoader(), policy, TestFiles.of(snapshot));
  }
}
