package io.hotswap.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCompilerTest {
  @TempDir Path temp;

  @Test
  void compile_validSources_stagesClassesAndResources() throws IOException {
    write(
        temp.resolve("src/app/Greeting.java"),
        "package app; class Greeting { String v() { return \"v1\"; } }");
    write(temp.resolve("res/app/greeting.txt"), "hello");

    SourceCompiler.Build build = compiler().compile(temp.resolve("staging"));

    assertThat(build.succeeded()).isTrue();
    assertThat(build.sources()).isEqualTo(1);
    assertThat(temp.resolve("staging/app/Greeting.class")).isRegularFile();
    assertThat(temp.resolve("staging/app/greeting.txt")).hasContent("hello");
  }

  @Test
  void compile_syntaxError_reportsFileLineAndMessage() throws IOException {
    write(
        temp.resolve("src/app/Greeting.java"),
        "package app;\nclass Greeting {\n  String v() { return \"v1\" + ; }\n}\n");
    write(temp.resolve("res/app/greeting.txt"), "hello");

    SourceCompiler.Build build = compiler().compile(temp.resolve("staging"));

    assertThat(build.succeeded()).isFalse();
    assertThat(build.errors())
        .anySatisfy(line -> assertThat(line).contains("Greeting.java:3: error: "));
    assertThat(temp.resolve("staging/app/greeting.txt")).doesNotExist();
  }

  private SourceCompiler compiler() {
    return new SourceCompiler(
        List.of(temp.resolve("src")),
        List.of(temp.resolve("res"), temp.resolve("absent")),
        List.of(),
        "17",
        StandardCharsets.UTF_8);
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
