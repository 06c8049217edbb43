package io.hotswap.cli;

import io.hotswap.loader.PrivateDirectory;
import io.hotswap.loader.SnapshotFileStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds the name of a running {@code hotswap run} for this OS user on this machine, so that a
 * second instance with a name already in use is refused: an exclusive lock on {@code
 * <tmp>/hotswap-<user>/instances/<name>.lock}, which the operating system releases when the process
 * ends, however it ends. The file holds the owner's pid for the refusal message.
 *
 * <p>Not thread-safe; held by the thread that runs the instance, until it stops.
 */
final class InstanceNameLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private InstanceNameLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the name {@code name}.
   *
   * @throws HotSwapCli.UsageProblem when another running process holds it
   * @throws IOException when the private directory or the lock file cannot be used
   */
  static InstanceNameLock take(String name) throws IOException {
    Path dir = PrivateDirectory.ofUser(SnapshotFileStore.BASE_PROPERTY).resolve("instances");
    PrivateDirectory.create(dir);
    Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      lock = null; // this JVM already runs an instance of that name
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      String owner = Files.readString(file, StandardCharsets.UTF_8).trim();
      throw new HotSwapCli.UsageProblem(
          "an instance named '"
              + name
              + "' is already running"
              + (owner.isEmpty() ? "" : " (pid " + owner + ")")
              + " for this user on this machine: stop it, or choose another --name");
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap(
            Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
    channel.force(false);
    return new InstanceNameLock(channel, lock);
  }

  /** Gives the name back (the process ending does too). */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  @Override
  public String toString() {
    return "InstanceNameLock[" + (lock.isValid() && channel.isOpen() ? "held" : "released") + "]";
  }
}
