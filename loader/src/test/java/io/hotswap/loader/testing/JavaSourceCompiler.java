package io.hotswap.loader.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources held in strings into a directory of class files, for test fixtures that
 * need reloadable code (v1, v2 and broken variants) without checked-in class files.
 *
 * <p>Stateless; thread-safe.
 */
public final class JavaSourceCompiler {

  private JavaSourceCompiler() {}

  /**
   * Compiles {@code sourcesByClassName} (binary class name to source) against the test classpath
   * into {@code outputDir}, with {@code --release 17}.
   *
   * @return {@code outputDir}
   * @throws AssertionError with the diagnostics when compilation fails
   */
  public static Path compile(Path outputDir, Map<String, String> sourcesByClassName) {
    return compile(outputDir, sourcesByClassName, List.of());
  }

  /**
   * Compiles {@code sourcesByClassName} against the test classpath plus {@code extraClasspath} into
   * {@code outputDir}, with {@code --release 17}.
   *
   * @return {@code outputDir}
   * @throws AssertionError with the diagnostics when compilation fails
   */
  public static Path compile(
      Path outputDir, Map<String, String> sourcesByClassName, List<Path> extraClasspath) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("No system Java compiler: run the tests on a JDK");
    }
    try {
      Files.createDirectories(outputDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> classpath = new ArrayList<>();
    extraClasspath.forEach(path -> classpath.add(path.toString()));
    classpath.addAll(
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
    List<String> options =
        List.of(
            "--release",
            "17",
            "-d",
            outputDir.toString(),
            "-classpath",
            String.join(File.pathSeparator, classpath));
    List<JavaFileObject> units = new ArrayList<>();
    sourcesByClassName.forEach((name, source) -> units.add(new StringSource(name, source)));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Boolean ok = compiler.getTask(null, null, diagnostics, options, null, units).call();
    if (!Boolean.TRUE.equals(ok)) {
      throw new AssertionError(
          "Compilation failed:\n"
              + diagnostics.getDiagnostics().stream()
                  .map(JavaSourceCompiler::format)
                  .collect(Collectors.joining("\n")));
    }
    return outputDir;
  }

  /** The class file of {@code binaryClassName} under {@code outputDir}. */
  public static Path classFile(Path outputDir, String binaryClassName) {
    return outputDir.resolve(binaryClassName.replace('.', '/') + ".class");
  }

  /** Cuts {@code classFile} to half its length, so that defining it fails with ClassFormatError. */
  public static void truncate(Path classFile) {
    try {
      byte[] bytes = Files.readAllBytes(classFile);
      Files.write(classFile, Arrays.copyOf(bytes, bytes.length / 2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String format(Diagnostic<? extends JavaFileObject> diagnostic) {
    String source = diagnostic.getSource() == null ? "" : diagnostic.getSource().getName();
    return diagnostic.getKind()
        + " "
        + source
        + ":"
        + diagnostic.getLineNumber()
        + ": "
        + diagnostic.getMessage(null);
  }

  private static final class StringSource extends SimpleJavaFileObject {
    private final String source;

    StringSource(String binaryClassName, String source) {
      super(
          URI.create("string:///" + binaryClassName.replace('.', '/') + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.source = source;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return source;
    }
  }
}
