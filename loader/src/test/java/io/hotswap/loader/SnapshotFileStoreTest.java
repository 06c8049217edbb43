package io.hotswap.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotswap.loader.testing.AnotherProcess;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileStoreTest {
  @TempDir Path temp;

  private static Snapshot snapshot(String content) {
    return Snapshot.of(Map.of("webroot/index.html", content.getBytes(UTF_8)));
  }

  @Test
  void lease_sameSnapshotTwice_sharesOneDirectoryUntilTheLastLeaseIsReleased() throws Exception {
    SnapshotFileStore store = SnapshotFileStore.create(temp.resolve("root"));
    Snapshot v1 = snapshot("v1");
    SnapshotFiles first = store.lease(v1);
    SnapshotFiles second = store.lease(v1);
    Path file = Path.of(first.url("webroot/index.html").orElseThrow().toURI());

    first.close();
    first.close(); // idempotent: does not release the second lease

    assertThat(file).hasContent("v1");
    assertThat(second.root()).isEqualTo(first.root());
    second.close();
    assertThat(first.root()).doesNotExist();
    assertThat(store.materializedSnapshots()).isZero();
  }

  @Test
  void lease_changedSnapshot_getsItsOwnDirectory_oldFilesKeepOldBytes() throws Exception {
    SnapshotFileStore store = SnapshotFileStore.create(temp.resolve("root"));
    SnapshotFiles v1 = store.lease(snapshot("v1"));
    SnapshotFiles v2 = store.lease(snapshot("v2"));

    URL oldUrl = v1.url("webroot/index.html").orElseThrow();
    URL newUrl = v2.url("webroot/index.html").orElseThrow();

    assertThat(oldUrl).isNotEqualTo(newUrl);
    assertThat(Path.of(oldUrl.toURI())).hasContent("v1");
    assertThat(Path.of(newUrl.toURI())).hasContent("v2");
    store.close();
    assertThat(store.root()).doesNotExist();
  }

  @Test
  void create_rootWritableByOthers_isRefused() throws Exception {
    Path root = Files.createDirectory(temp.resolve("shared"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> SnapshotFileStore.create(root))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("writable by group or others");
  }

  @Test
  void create_newRoot_isPrivate() throws Exception {
    SnapshotFileStore store = SnapshotFileStore.create(temp.resolve("root"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.root())))
        .isEqualTo("rwx------");
  }

  @Test
  void inTempDir_rootOfAProcessThatEnded_isDeleted() throws Exception {
    String saved = useBase(temp);
    try {
      Process ended = new ProcessBuilder("true").start();
      ended.waitFor();
      Path parent = temp.resolve("hotswap-" + System.getProperty("user.name"));
      Files.createDirectories(parent);
      Path stale = Files.createDirectories(parent.resolve(ended.pid() + "-deadbeef/abc"));

      SnapshotFileStore store = SnapshotFileStore.inTempDir();

      assertThat(stale.getParent()).doesNotExist();
      assertThat(store.root().getParent()).isEqualTo(parent);
      store.close();
    } finally {
      restoreBase(saved);
    }
  }

  @Test
  void inTempDir_rootWhoseStoreStillRuns_isKept_evenWhenItsNameLooksEnded_andAFreedOneIsDeleted()
      throws Exception {
    String saved = useBase(temp);
    try {
      Process ended = new ProcessBuilder("true").start();
      ended.waitFor();
      Path parent = temp.resolve("hotswap-" + System.getProperty("user.name"));
      Files.createDirectories(parent);
      // A live store whose root name carries a pid this JVM cannot see (another pid namespace,
      // a failed /proc read): its held lock, not the name, says it is in use.
      SnapshotFileStore live = SnapshotFileStore.create(parent.resolve(ended.pid() + "-live0000"));
      Path liveFile = Files.createDirectories(live.root().resolve("abc"));
      // A store that closed its lock without deleting (a killed process): the lock is free.
      Path freed =
          Files.createDirectories(parent.resolve(ProcessHandle.current().pid() + "-freed000"));
      Files.createFile(freed.resolve(SnapshotFileStore.OWNER_LOCK));

      SnapshotFileStore store = SnapshotFileStore.inTempDir();

      assertThat(liveFile).exists();
      assertThat(freed).doesNotExist();
      // The probe left both live stores' locks held for other processes (it never opened them).
      assertThat(
              AnotherProcess.lockStateOf(live.root().resolve(SnapshotFileStore.OWNER_LOCK), temp))
          .isEqualTo("held");
      SnapshotFileStore third = SnapshotFileStore.inTempDir();
      assertThat(
              AnotherProcess.lockStateOf(store.root().resolve(SnapshotFileStore.OWNER_LOCK), temp))
          .isEqualTo("held");
      assertThat(store.root()).exists();
      third.close();
      store.close();
      live.close();
      assertThat(live.root()).doesNotExist();
    } finally {
      restoreBase(saved);
    }
  }

  /** Points {@code inTempDir()} at {@code base}; returns the property's value before. */
  private static String useBase(Path base) {
    String saved = System.getProperty(SnapshotFileStore.BASE_PROPERTY);
    System.setProperty(SnapshotFileStore.BASE_PROPERTY, base.toString());
    return saved;
  }

  private static void restoreBase(String saved) {
    if (saved == null) {
      System.clearProperty(SnapshotFileStore.BASE_PROPERTY);
    } else {
      System.setProperty(SnapshotFileStore.BASE_PROPERTY, saved);
    }
  }
}
