package io.hotswap.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where reloadable code lives: a directory of classes and resources (optionally with {@code
 * lib/*.jar} whose entries are included) or a single jar file.
 *
 * <p>A code source is a value: it names a location and never reads it; {@link Snapshotter} does.
 * Instances are immutable and thread-safe.
 */
public sealed interface CodeSource {

  /** The directory or jar file this code source reads from. */
  Path path();

  /**
   * The code source at {@code path}, refusing a location that users other than the owner can write.
   *
   * @throws IllegalArgumentException when the path does not exist, is neither a directory nor a
   *     {@code .jar} file, or is writable by group or others (POSIX file systems only)
   */
  static CodeSource of(Path path) {
    return of(path, false);
  }

  /**
   * The code source at {@code path}.
   *
   * @param allowWritableByOthers skip the check that refuses a location writable by group or
   *     others; code read from such a location could be replaced by another user and run in this
   *     JVM
   * @throws IllegalArgumentException when the path does not exist, is neither a directory nor a
   *     {@code .jar} file, or (unless allowed) is writable by group or others
   */
  static CodeSource of(Path path, boolean allowWritableByOthers) {
    Objects.requireNonNull(path, "path");
    Path absolute = path.toAbsolutePath().normalize();
    if (!Files.exists(absolute)) {
      throw new IllegalArgumentException("Code source " + absolute + " does not exist");
    }
    CodeSource source;
    if (Files.isDirectory(absolute)) {
      source = new Directory(absolute);
    } else if (Files.isRegularFile(absolute)
        && absolute.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
      source = new Jar(absolute);
    } else {
      throw new IllegalArgumentException(
          "Code source " + absolute + " is neither a directory nor a .jar file");
    }
    if (!allowWritableByOthers) {
      refuseWritableByOthers(absolute);
    }
    return source;
  }

  private static void refuseWritableByOthers(Path path) {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return; // not a POSIX file system: nothing to check
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = view.readAttributes().permissions();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the permissions of code source " + path, e);
    }
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IllegalArgumentException(
          "Code source "
              + path
              + " is writable by group or others, so another user could make this JVM run their"
              + " code; fix it with 'chmod go-w "
              + path
              + "', or pass allowWritableByOthers=true to CodeSource.of if that is intended");
    }
  }

  /**
   * A directory of classes and resources; jars directly in its {@code lib} subdirectory contribute
   * their entries, and the directory's own entries win over theirs.
   *
   * @param path the directory
   */
  record Directory(Path path) implements CodeSource {
    /** Validates that the path is not null. */
    public Directory {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * A single jar file.
   *
   * @param path the jar file
   */
  record Jar(Path path) implements CodeSource {
    /** Validates that the path is not null. */
    public Jar {
      Objects.requireNonNull(path, "path");
    }
  }
}
