package io.hotswap.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.loader.testing.AnotherProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock this JVM holds stays held for other processes whatever this JVM does with the file: probed
 * with {@link ProcessFileLock#isFree}, taken a second time. Checked from a second JVM, since a
 * POSIX record lock never conflicts with its own process.
 */
class ProcessFileLockTest {
  @TempDir Path temp;

  @Test
  void heldLock_probedAndTakenAgainHere_staysHeldForOtherProcesses_untilClosed() throws Exception {
    Path file = temp.resolve("owner.lock");
    Optional<ProcessFileLock> lock = ProcessFileLock.tryTake(file);
    assertThat(lock).isPresent();
    assertThat(ProcessFileLock.isHeldHere(file)).isTrue();

    assertThat(ProcessFileLock.isFree(file)).isFalse();
    assertThat(ProcessFileLock.tryTake(file)).isEmpty();
    assertThat(ProcessFileLock.isFree(temp.resolve(".").resolve("owner.lock"))).isFalse();

    assertThat(otherProcessSees(file)).isEqualTo("held");

    lock.get().close();
    lock.get().close(); // idempotent
    assertThat(ProcessFileLock.isHeldHere(file)).isFalse();
    assertThat(otherProcessSees(file)).isEqualTo("free");
    assertThat(ProcessFileLock.isFree(file)).isTrue();
  }

  @Test
  void write_replacesTheContent_andAMissingFileIsNotFree() throws Exception {
    Path file = temp.resolve("name.lock");
    try (ProcessFileLock lock = ProcessFileLock.tryTake(file).orElseThrow()) {
      lock.write("123456");
      lock.write("42");
      assertThat(otherProcessSees(file)).isEqualTo("held");
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("42");
    assertThat(ProcessFileLock.isFree(temp.resolve("missing.lock"))).isFalse();
  }

  private String otherProcessSees(Path file) throws Exception {
    return AnotherProcess.lockStateOf(file, temp);
  }
}
