package io.hotswap.loader.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.loader.EntryPointScanner;
import io.hotswap.loader.testing.JavaSourceCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryPointListProcessorTest {
  private static final String ANNOTATION =
      "package io.hotswap.api; import java.lang.annotation.*;"
          + " @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.TYPE)"
          + " public @interface GenerationEntry {}";

  @TempDir Path out;

  @Test
  void compile_annotatedClasses_writesTheirListAndMergesOnIncrementalCompile() throws Exception {
    JavaSourceCompiler.compile(
        out,
        Map.of(
            "io.hotswap.api.GenerationEntry", ANNOTATION,
            "com.acme.Api", "package com.acme; @io.hotswap.api.GenerationEntry public class Api {}",
            "com.acme.Plain", "package com.acme; public class Plain {}"));
    Path list = out.resolve(EntryPointScanner.ENTRY_POINTS);
    assertThat(entries(list)).containsExactly("com.acme.Api");

    // An incremental compile of one more entry keeps the earlier one.
    JavaSourceCompiler.compile(
        out,
        Map.of(
            "com.acme.Bus",
            "package com.acme; @io.hotswap.api.GenerationEntry public class Bus {}"),
        List.of(out));
    assertThat(entries(list)).containsExactly("com.acme.Api", "com.acme.Bus");
  }

  private static List<String> entries(Path list) throws Exception {
    return Files.readAllLines(list).stream().filter(l -> !l.startsWith("#")).toList();
  }
}
