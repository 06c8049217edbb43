package io.hotswap.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles the one-class applications the benchmarks run (written as Vert.x users write them) with
 * {@code javax.tools} against the running class path. Stateless; thread-safe.
 */
final class AppCompiler {
  private AppCompiler() {}

  /**
   * Compiles {@code source}, the class {@code className}, into a fresh directory named after {@code
   * prefix} and returns it.
   */
  static Path compile(String prefix, String className, String source) {
    try {
      Path sources = BenchPaths.freshDir(prefix + "-src-");
      Path out = BenchPaths.freshDir(prefix + "-classes-");
      Path file = sources.resolve(className.replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source, StandardCharsets.UTF_8);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      if (javac == null) {
        throw new IllegalStateException("no system Java compiler: run the benchmarks on a JDK");
      }
      List<String> args =
          List.of(
              "-proc:none",
              "-nowarn",
              "--release",
              "17",
              "-d",
              out.toString(),
              "-cp",
              System.getProperty("java.class.path"),
              file.toString());
      int status = javac.run(null, null, System.err, args.toArray(String[]::new));
      if (status != 0) {
        throw new IllegalStateException("javac failed (" + status + ") compiling " + file);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
