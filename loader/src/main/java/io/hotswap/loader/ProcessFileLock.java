package io.hotswap.loader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An exclusive operating-system lock on a file, held by this process until {@link #close()} or
 * until the process ends, however it ends: how hotswap tells whether another process still uses a
 * directory or a name.
 *
 * <p>On Linux a JVM file lock is a POSIX record lock, and closing <em>any</em> descriptor of the
 * file in the process releases every lock the process holds on it — so a JVM that merely opened a
 * lock file it holds, to probe it, and closed it again, would silently give its own lock away, and
 * another process would then take a live directory for an abandoned one. This class keeps a
 * JVM-wide registry of the files it locks and never opens one of them a second time: {@link
 * #tryTake} and {@link #isFree} answer for a file this JVM holds without touching it.
 *
 * <p>Thread-safe.
 */
public final class ProcessFileLock implements AutoCloseable {
  /** The files this JVM holds, or is taking or probing right now. */
  private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ProcessFileLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code file}, created if missing; empty when another process holds it or this
   * JVM does.
   *
   * @throws IOException when the file cannot be created or opened
   */
  public static Optional<ProcessFileLock> tryTake(Path file) throws IOException {
    Path key = key(file);
    if (!IN_USE.add(key)) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        IN_USE.remove(key);
        return Optional.empty();
      }
      return Optional.of(new ProcessFileLock(key, channel, lock));
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      IN_USE.remove(key);
      throw e;
    }
  }

  /**
   * Whether no process holds the lock on the existing file {@code file}: false when this JVM holds
   * it (without opening it), when another process does, when the file does not exist and when it
   * cannot be told.
   */
  public static boolean isFree(Path file) {
    Path key = key(file);
    if (!IN_USE.add(key)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(key, StandardOpenOption.WRITE)) {
      return channel.tryLock() != null; // released with the channel
    } catch (IOException | OverlappingFileLockException e) {
      return false; // missing (NoSuchFileException) or cannot tell: not free
    } finally {
      IN_USE.remove(key);
    }
  }

  /** Whether this JVM holds the lock on {@code file} now. */
  public static boolean isHeldHere(Path file) {
    return IN_USE.contains(key(file));
  }

  /** Replaces the locked file's content with {@code text} (the owner's pid, for messages). */
  public void write(String text) throws IOException {
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(false);
  }

  /** The locked file. */
  public Path file() {
    return file;
  }

  /** Releases the lock. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      lock.release();
    } finally {
      channel.close();
      IN_USE.remove(file);
    }
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }
}
