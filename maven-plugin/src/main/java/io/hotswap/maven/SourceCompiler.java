package io.hotswap.maven;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the project's main sources in this JVM with {@code javax.tools} into a fresh staging
 * directory, and copies the resources beside the classes: the tree {@code target/classes} gets only
 * when the whole build succeeded. Every build compiles every source (no incremental analysis: a
 * change of a constant or a signature reaches every class that uses it).
 *
 * <p>Immutable once built; {@link #compile} is called from one thread at a time (the watcher's).
 */
final class SourceCompiler {
  private final List<Path> sourceRoots;
  private final List<Path> resourceRoots;
  private final List<String> classpath;
  private final String release;
  private final Charset encoding;

  /** What a build produced: the staging tree on success, the compiler's errors otherwise. */
  record Build(boolean succeeded, Path staging, int sources, List<String> errors) {}

  SourceCompiler(
      List<Path> sourceRoots,
      List<Path> resourceRoots,
      List<String> classpath,
      String release,
      Charset encoding) {
    this.sourceRoots = List.copyOf(sourceRoots);
    this.resourceRoots = List.copyOf(resourceRoots);
    this.classpath = List.copyOf(classpath);
    this.release = release;
    this.encoding = encoding;
  }

  /** Compiles every source and copies every resource into the empty directory {@code staging}. */
  Build compile(Path staging) throws IOException {
    Files.createDirectories(staging);
    List<Path> sources = files(sourceRoots, ".java");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException(
          "no Java compiler in this JVM ("
              + System.getProperty("java.home")
              + "): run Maven on a JDK");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter other = new StringWriter();
    boolean compiled = sources.isEmpty();
    if (!sources.isEmpty()) {
      // Sources that annotation processors generate go beside the staging tree, not into it.
      Path generated = staging.resolveSibling(staging.getFileName() + "-generated-sources");
      CodeSourceSync.deleteTree(generated);
      Files.createDirectories(generated);
      try (StandardJavaFileManager files =
          javac.getStandardFileManager(diagnostics, Locale.ROOT, encoding)) {
        List<String> options =
            List.of(
                "--release",
                release,
                "-g",
                "-encoding",
                encoding.name(),
                "-d",
                staging.toString(),
                "-s",
                generated.toString(),
                "-classpath",
                String.join(File.pathSeparator, classpath));
        compiled =
            javac
                .getTask(
                    other,
                    files,
                    diagnostics,
                    options,
                    null,
                    files.getJavaFileObjectsFromPaths(sources))
                .call();
      }
    }
    if (!compiled) {
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
        if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(describe(diagnostic));
        }
      }
      other.toString().lines().filter(line -> !line.isBlank()).forEach(errors::add);
      return new Build(false, staging, sources.size(), errors);
    }
    copyResources(staging);
    return new Build(true, staging, sources.size(), List.of());
  }

  /** {@code path:line: error: message}, as javac prints it. */
  private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
    String where =
        diagnostic.getSource() == null
            ? ""
            : diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": ";
    return where
        + diagnostic.getKind().toString().toLowerCase(Locale.ROOT)
        + ": "
        + diagnostic.getMessage(Locale.ROOT);
  }

  private void copyResources(Path staging) throws IOException {
    for (Path root : resourceRoots) {
      for (Path file : files(List.of(root), "")) {
        Path target = staging.resolve(root.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The regular files under {@code roots} whose names end with {@code suffix}, sorted. */
  private static List<Path> files(List<Path> roots, String suffix) throws IOException {
    List<Path> found = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(file -> file.getFileName().toString().endsWith(suffix))
            .sorted()
            .forEach(found::add);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return found;
  }
}
