package io.hotswap.loader;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the snapshots of one host are materialized as files, so that every resource URL a
 * generation hands out is a plain {@code file:} URL that any library can open, turn into a {@code
 * Path}, list or copy (Vert.x's file resolver, template engines, {@code ServiceLoader}).
 *
 * <p>Design notes:
 *
 * <ul>
 *   <li>Content-addressed: snapshot {@code S} lives in {@code <root>/<S's full id>/}; generations
 *       of the same snapshot share it. Files are written only from snapshot bytes, lazily (an entry
 *       when its URL is first asked for, a directory's subtree when the directory's is), each one
 *       to a temporary file that is then moved into place atomically and made read-only, so a
 *       reader never sees a partial file and the live code source is never read.
 *   <li>Lifetime: each generation holds a lease ({@link #lease(Snapshot)}); when the last lease of
 *       a snapshot is released its directory is deleted. A later generation of the same snapshot (a
 *       rollback) materializes it again from memory. A store holds an OS lock on its root's {@value
 *       #OWNER_LOCK} for its life ({@link ProcessFileLock}); a root is deleted as stale only when
 *       that lock is free (its owner ended, however it ended) and the process its name starts with
 *       no longer runs, never on a process id alone.
 *   <li>Security: the root is created private ({@code rwx------}); an existing root owned by
 *       another user or writable by group or others is refused, because whoever can write there
 *       decides what the application reads as its own resources.
 *   <li>Stale roots: {@link #inTempDir()} makes a root per process under {@code
 *       <java.io.tmpdir>/hotswap-<user>/} and deletes the roots of processes that no longer run.
 * </ul>
 *
 * <p>Lifecycle: created once per host, {@link #close()} when the host stops (deletes the root).
 * Thread-safe.
 */
public final class SnapshotFileStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotFileStore.class);

  /** System property naming the directory under which per-process roots are made. */
  public static final String BASE_PROPERTY = "hotswap.resourceDir";

  /** The file in a root that its store holds locked for its life: how others tell it is in use. */
  static final String OWNER_LOCK = ".owner.lock";

  private final Path root;
  private final ProcessFileLock owner;
  private final Map<String, Lease> leases = new HashMap<>();
  private boolean closed;

  private SnapshotFileStore(Path root, ProcessFileLock owner) {
    this.root = root;
    this.owner = owner;
  }

  /**
   * A store whose root is {@code root}, created private if missing.
   *
   * @throws IOException when the root cannot be created, or exists and is owned by another user or
   *     writable by group or others
   */
  public static SnapshotFileStore create(Path root) throws IOException {
    Path absolute = root.toAbsolutePath().normalize();
    PrivateDirectory.create(absolute);
    ProcessFileLock owner =
        ProcessFileLock.tryTake(absolute.resolve(OWNER_LOCK))
            .orElseThrow(() -> new IOException(absolute + " is in use by another store"));
    return new SnapshotFileStore(absolute, owner);
  }

  /**
   * A store with a root of its own for this process under {@code <base>/hotswap-<user>/}, where
   * base is the system property {@value #BASE_PROPERTY} or else {@code java.io.tmpdir}; roots left
   * by processes that no longer run are deleted first.
   *
   * @throws IOException when the directories cannot be created or are not private
   */
  public static SnapshotFileStore inTempDir() throws IOException {
    Path parent = PrivateDirectory.ofUser(BASE_PROPERTY);
    deleteRootsOfEndedProcesses(parent);
    long pid = ProcessHandle.current().pid();
    return create(parent.resolve(pid + "-" + UUID.randomUUID().toString().substring(0, 8)));
  }

  /** The root directory. */
  public Path root() {
    return root;
  }

  /**
   * A lease on the files of {@code snapshot}; its directory is created now, its files on demand.
   * Release it with {@link SnapshotFiles#close()}.
   *
   * @throws IOException when the directory cannot be created
   * @throws IllegalStateException when the store is closed
   */
  public synchronized SnapshotFiles lease(Snapshot snapshot) throws IOException {
    if (closed) {
      throw new IllegalStateException("snapshot file store " + root + " is closed");
    }
    String id = snapshot.id().hex();
    Lease lease = leases.get(id);
    if (lease == null) {
      Path dir = root.resolve(id);
      Files.createDirectories(dir);
      lease = new Lease(new SnapshotFilesDirectory(snapshot, dir));
      leases.put(id, lease);
    }
    lease.count++;
    return new SnapshotFiles(lease.directory, this::release);
  }

  /** How many snapshots have a directory now (for tests and status). */
  public synchronized int materializedSnapshots() {
    return leases.size();
  }

  private synchronized void release(SnapshotFilesDirectory directory) {
    String id = directory.snapshot().id().hex();
    Lease lease = leases.get(id);
    if (lease == null || lease.directory != directory) {
      return;
    }
    if (--lease.count == 0) {
      leases.remove(id);
      deleteQuietly(directory.path());
    }
  }

  /** Deletes every materialized snapshot and the root; leases still held become unusable. */
  @Override
  public synchronized void close() {
    closed = true;
    leases.clear();
    try {
      owner.close(); // releases the lock: the root is free to delete, by us or by others
    } catch (IOException e) {
      LOG.debug("cannot close the owner lock of {}", root, e);
    }
    deleteQuietly(root);
  }

  @Override
  public String toString() {
    return "SnapshotFileStore[" + root + "]";
  }

  private static void deleteRootsOfEndedProcesses(Path parent) {
    try (Stream<Path> children = Files.list(parent)) {
      children
          .filter(SnapshotFileStore::isRootOfEndedProcess)
          .forEach(SnapshotFileStore::deleteQuietly);
    } catch (IOException e) {
      LOG.debug("cannot list {} for stale snapshot files", parent, e);
    }
  }

  /**
   * Whether {@code child} is the root of a store that no longer runs. A root named after a process
   * that runs (not this one) is kept without looking further: its owner may be between creating the
   * root and locking it. Otherwise its owner lock decides: a free lock means its owner ended (the
   * operating system released it, however the process ended); a lock held, here or by another
   * process, means it is in use. A root without a lock file is stale when the process it is named
   * after no longer runs.
   */
  private static boolean isRootOfEndedProcess(Path child) {
    long pid = namedPid(child);
    long self = ProcessHandle.current().pid();
    if (pid > 0 && pid != self && ProcessHandle.of(pid).isPresent()) {
      return false;
    }
    Path lock = child.resolve(OWNER_LOCK);
    if (Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
      return ProcessFileLock.isFree(lock);
    }
    return pid > 0 && pid != self;
  }

  /** The process id a root's name starts with, or -1. */
  private static long namedPid(Path child) {
    String name = child.getFileName().toString();
    int dash = name.indexOf('-');
    if (dash <= 0) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static void deleteQuietly(Path tree) {
    try {
      Files.walkFileTree(
          tree,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException gone) {
      // already deleted
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", tree, e.toString());
    }
  }

  /** The count of generations using one snapshot's directory. Guarded by the store. */
  private static final class Lease {
    private final SnapshotFilesDirectory directory;
    private int count;

    Lease(SnapshotFilesDirectory directory) {
      this.directory = Objects.requireNonNull(directory);
    }
  }
}
