package io.hotswap.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.loader.testing.JavaSourceCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryPointScannerTest {

  private static final String ENTRY = "com.acme.api.Entry";
  private static final String LIVE = "com.acme.api.Live";

  @TempDir Path dir;
  private Path api;

  @BeforeEach
  void compileAnnotations() {
    api =
        JavaSourceCompiler.compile(
            dir.resolve("api"),
            Map.of(
                ENTRY,
                "package com.acme.api; import java.lang.annotation.*;"
                    + " @Retention(RetentionPolicy.CLASS) @Target(ElementType.TYPE)"
                    + " public @interface Entry {}",
                LIVE,
                "package com.acme.api; import java.lang.annotation.*;"
                    + " @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.TYPE)"
                    + " public @interface Live {}"));
  }

  @Test
  void scan_noBuildTimeList_findsAnnotatedClassesSortedIncludingNonPublic() throws Exception {
    Snapshot snapshot = moduleSnapshot();
    EntryPointScanner scanner = new EntryPointScanner(ENTRY);

    assertThat(scanner.scan(snapshot))
        .containsExactly("com.acme.Hidden", "com.acme.Outer$Nested", "com.acme.Web");
    assertThat(new EntryPointScanner(LIVE).scan(snapshot)).containsExactly("com.acme.Runtime");
    assertThat(scanner.classpathScans()).isEqualTo(1);
  }

  @Test
  void scan_sameSnapshotTwice_scansOnce() throws Exception {
    Snapshot snapshot = moduleSnapshot();
    EntryPointScanner scanner = new EntryPointScanner(ENTRY);

    List<String> first = scanner.scan(snapshot);
    List<String> second = scanner.scan(snapshot);

    assertThat(second).isEqualTo(first);
    assertThat(scanner.classpathScans()).isEqualTo(1);
  }

  @Test
  void scan_buildTimeList_returnsListWithoutScanning() throws Exception {
    Path classes = compileModule();
    Files.createDirectories(classes.resolve("META-INF/hotswap"));
    Files.writeString(
        classes.resolve(EntryPointScanner.ENTRY_POINTS),
        "# written by the annotation processor\n\ncom.acme.Web\n  com.acme.Plain  # listed\n"
            + "com.acme.Web\n",
        UTF_8);
    Snapshot snapshot = new Snapshotter(CodeSource.of(classes)).take();
    EntryPointScanner scanner = new EntryPointScanner(ENTRY);

    assertThat(scanner.scan(snapshot)).containsExactly("com.acme.Web", "com.acme.Plain");
    assertThat(scanner.classpathScans()).isZero();
  }

  private Snapshot moduleSnapshot() throws Exception {
    return new Snapshotter(CodeSource.of(compileModule())).take();
  }

  private Path compileModule() {
    return JavaSourceCompiler.compile(
        dir.resolve("classes"),
        Map.of(
            "com.acme.Web",
            "package com.acme; @com.acme.api.Entry public class Web {}",
            "com.acme.Hidden",
            "package com.acme; @com.acme.api.Entry class Hidden {}",
            "com.acme.Outer",
            "package com.acme; public class Outer { @com.acme.api.Entry static class Nested {} }",
            "com.acme.Runtime",
            "package com.acme; @com.acme.api.Live public class Runtime {}",
            "com.acme.Plain",
            "package com.acme; public class Plain {}"),
        List.of(api));
  }
}
