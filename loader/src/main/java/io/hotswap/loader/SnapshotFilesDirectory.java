package io.hotswap.loader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The directory one snapshot is materialized in, and the writing of its files: an entry on demand,
 * or a directory's whole subtree. Shared by every lease of the snapshot.
 *
 * <p>Thread-safe: two threads materializing the same entry each write a temporary file and move it
 * into place atomically; both contents are the snapshot's bytes.
 */
final class SnapshotFilesDirectory {
  private static final Set<PosixFilePermission> READ_ONLY =
      PosixFilePermissions.fromString("r--------");

  private final Snapshot snapshot;
  private final Path path;

  SnapshotFilesDirectory(Snapshot snapshot, Path path) {
    this.snapshot = snapshot;
    this.path = path;
  }

  Snapshot snapshot() {
    return snapshot;
  }

  Path path() {
    return path;
  }

  /**
   * The file of entry {@code name}, or the directory when {@code name} is a directory of the
   * snapshot (its subtree is written then); empty when the snapshot has neither, or when the name
   * cannot be a file name inside the directory ({@code ..}, an absolute name).
   */
  Optional<Path> materialize(String name) throws IOException {
    Path target = inside(name);
    if (target == null) {
      return Optional.empty();
    }
    if (snapshot.contains(name)) {
      writeEntry(name, target);
      return Optional.of(target);
    }
    String prefix = name.isEmpty() || name.endsWith("/") ? name : name + "/";
    Set<String> under = snapshot.namesUnder(prefix);
    if (under.isEmpty()) {
      return Optional.empty();
    }
    for (String entry : under) {
      Path file = inside(entry);
      if (file != null) {
        writeEntry(entry, file);
      }
    }
    Files.createDirectories(target);
    return Optional.of(target);
  }

  /** The path of {@code name} in the directory, or null when it would fall outside it. */
  private Path inside(String name) {
    if (name.startsWith("/") || name.indexOf('\0') >= 0) {
      return null;
    }
    Path target = path.resolve(name).normalize();
    return target.startsWith(path) ? target : null;
  }

  private void writeEntry(String name, Path target) throws IOException {
    if (Files.isRegularFile(target)) {
      return;
    }
    ByteBuffer bytes = snapshot.resource(name).orElseThrow();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, ".part-", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }
      if (Files.getFileAttributeView(
              temporary, java.nio.file.attribute.PosixFileAttributeView.class)
          != null) {
        Files.setPosixFilePermissions(temporary, READ_ONLY);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target);
      }
    } catch (FileAlreadyExistsException raced) {
      // another thread wrote the same bytes first
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
