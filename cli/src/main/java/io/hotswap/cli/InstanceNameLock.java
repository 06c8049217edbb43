package io.hotswap.cli;

import io.hotswap.loader.PrivateDirectory;
import io.hotswap.loader.ProcessFileLock;
import io.hotswap.loader.SnapshotFileStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Holds the name of a running {@code hotswap run} for this OS user on this machine, so that a
 * second instance with a name already in use is refused: an exclusive lock on {@code
 * <tmp>/hotswap-<user>/instances/<name>.lock}, which the operating system releases when the process
 * ends, however it ends. The file holds the owner's pid for the refusal message.
 *
 * <p>Not thread-safe; held by the thread that runs the instance, until it stops.
 */
final class InstanceNameLock implements AutoCloseable {
  private final ProcessFileLock lock;

  private InstanceNameLock(ProcessFileLock lock) {
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
    Optional<ProcessFileLock> taken = ProcessFileLock.tryTake(file);
    if (taken.isEmpty()) {
      // Read the owner's pid only when another process holds it: opening a file this JVM holds
      // locked would release that lock.
      String owner =
          ProcessFileLock.isHeldHere(file)
              ? Long.toString(ProcessHandle.current().pid())
              : Files.readString(file, StandardCharsets.UTF_8).trim();
      throw new HotSwapCli.UsageProblem(
          "an instance named '"
              + name
              + "' is already running"
              + (owner.isEmpty() ? "" : " (pid " + owner + ")")
              + " for this user on this machine: stop it, or choose another --name");
    }
    taken.get().write(Long.toString(ProcessHandle.current().pid()));
    return new InstanceNameLock(taken.get());
  }

  /** Gives the name back (the process ending does too). */
  @Override
  public void close() throws IOException {
    lock.close();
  }
}
