package io.hotswap.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The private directory of this OS user for hotswap's files ({@code <tmp>/hotswap-<user>/}): the
 * snapshot files a JVM serves and the names of running instances. Created owner-only; an existing
 * one that is a link, belongs to another user or is writable by group or others is refused, so no
 * other user can change what a JVM serves or takes for its own. Stateless; thread-safe.
 */
public final class PrivateDirectory {
  private static final Set<PosixFilePermission> PRIVATE_DIR =
      PosixFilePermissions.fromString("rwx------");

  private PrivateDirectory() {}

  /**
   * The user's directory under the directory the system property {@code baseProperty} names, or
   * else {@code java.io.tmpdir}; created and checked.
   *
   * @throws IOException when it cannot be created or is not private
   */
  public static Path ofUser(String baseProperty) throws IOException {
    String base = System.getProperty(baseProperty, System.getProperty("java.io.tmpdir"));
    Path dir = Path.of(base, "hotswap-" + System.getProperty("user.name", "user")).toAbsolutePath();
    create(dir);
    return dir;
  }

  /**
   * Creates {@code dir} (its parent must exist) readable and writable by its owner only, or checks
   * that the existing one is a directory of this user that group and others cannot write.
   *
   * @throws IOException when it cannot be created, or is a link, foreign-owned or shared-writable
   */
  public static void create(Path dir) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(dir.getParent(), PosixFileAttributeView.class);
    if (!Files.isDirectory(dir)) {
      FileAttribute<?>[] attributes =
          view == null
              ? new FileAttribute<?>[0]
              : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_DIR)};
      try {
        Files.createDirectory(dir, attributes);
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another process of this user made it first: checked below
      }
    }
    if (view == null) {
      return; // not a POSIX file system: nothing more to check
    }
    PosixFileAttributes attributes =
        Files.readAttributes(
            dir, PosixFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isDirectory()) {
      throw new IOException(dir + " is not a directory (a link is refused)");
    }
    String me = System.getProperty("user.name");
    if (me != null && !attributes.owner().getName().equals(me)) {
      throw new IOException(
          dir + " belongs to " + attributes.owner().getName() + ", not to " + me + ": refused");
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException(
          dir
              + " is writable by group or others, so another user could change the resources"
              + " this JVM serves as its own: refused (chmod go-w it, or set -D"
              + SnapshotFileStore.BASE_PROPERTY
              + " to a private directory)");
    }
  }
}
