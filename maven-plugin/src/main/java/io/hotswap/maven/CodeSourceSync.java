package io.hotswap.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes the code source ({@code target/classes}) hold exactly what a successful build staged: new
 * and changed files are copied in (unchanged ones are left alone), files the build no longer
 * produced are deleted, and so are the directories that became empty. The host does not watch the
 * code source, so it never sees the tree half-updated: the reload comes after.
 *
 * <p>Stateless; called from one thread at a time.
 */
final class CodeSourceSync {
  private CodeSourceSync() {}

  /** What changed in the code source. */
  record Changes(int written, int deleted) {
    boolean none() {
      return written == 0 && deleted == 0;
    }
  }

  /** Replaces the content of {@code codeSource} with that of {@code staging}. */
  static Changes apply(Path staging, Path codeSource) throws IOException {
    Files.createDirectories(codeSource);
    int written = 0;
    for (Path file : regularFiles(staging)) {
      Path target = codeSource.resolve(staging.relativize(file).toString());
      if (!Files.isRegularFile(target) || !sameContent(file, target)) {
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        written++;
      }
    }
    int deleted = 0;
    for (Path file : regularFiles(codeSource)) {
      if (!Files.exists(staging.resolve(codeSource.relativize(file).toString()))) {
        Files.delete(file);
        deleted++;
      }
    }
    for (Path dir : directoriesDeepestFirst(codeSource)) {
      if (isEmpty(dir)) {
        Files.delete(dir);
      }
    }
    return new Changes(written, deleted);
  }

  /** Deletes {@code dir} and everything under it, if it exists. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean sameContent(Path a, Path b) throws IOException {
    return Files.size(a) == Files.size(b)
        && Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  private static List<Path> regularFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The directories under {@code root} (not itself), deepest first. */
  private static List<Path> directoriesDeepestFirst(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(path -> !path.equals(root))
          .filter(Files::isDirectory)
          .sorted(Comparator.reverseOrder())
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
