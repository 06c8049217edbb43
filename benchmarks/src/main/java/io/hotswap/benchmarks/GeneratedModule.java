package io.hotswap.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A compiled reloadable module of {@code classes} classes: one {@code @GenerationEntry} that binds
 * {@link HelloHandler}'s code to the HTTP endpoint {@code api}, the rest plain generated classes,
 * and a build-time entry-point list. Two builds of the entry point ({@code a} and {@code b}) differ
 * in one constant, so alternating them makes every reload load a changed snapshot, as after a real
 * edit.
 *
 * <p>Immutable and thread-safe; {@link #installInto} and {@link #switchBuild} write files and must
 * not race with each other on the same directory.
 *
 * @param classes how many classes the module has
 * @param compiled the compiled module with build {@code a} of the entry point
 * @param entryBuildB build {@code b} of the entry point's class file
 */
public record GeneratedModule(int classes, Path compiled, Path entryBuildB) {

  /** The binary name of the entry point. */
  public static final String ENTRY = "bench.app.App";

  static final String ENTRY_FILE = "bench/app/App.class";

  /** Copies the module (build {@code a}) into {@code codeDir}, replacing what was there. */
  public void installInto(Path codeDir) {
    try {
      if (Files.exists(codeDir)) {
        try (Stream<Path> old = Files.walk(codeDir)) {
          for (Path path : (Iterable<Path>) old.sorted(Comparator.reverseOrder())::iterator) {
            if (!path.equals(codeDir)) {
              Files.delete(path);
            }
          }
        }
      }
      Files.createDirectories(codeDir);
      try (Stream<Path> files = Files.walk(compiled)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Path target = codeDir.resolve(compiled.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces the entry point in {@code codeDir} with build {@code b} when {@code b}, else {@code
   * a}.
   */
  public void switchBuild(Path codeDir, boolean b) {
    Path source = b ? entryBuildB : compiled.resolve(ENTRY_FILE);
    try {
      Files.copy(source, codeDir.resolve(ENTRY_FILE), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
