package io.hotswap.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotswap.loader.testing.Jars;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotterTest {

  private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minusSeconds(3600));

  @TempDir Path dir;
  private Path classes;

  @BeforeEach
  void createCodeSource() throws IOException {
    classes = Files.createDirectory(dir.resolve("classes"));
    write("com/acme/A.class", "class A");
    write("com/acme/B.class", "class B");
    write("META-INF/x.txt", "x");
  }

  @Test
  void take_fileTouchedButUnchanged_keepsId() throws Exception {
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes));
    Snapshot before = snapshotter.take();

    Files.setLastModifiedTime(classes.resolve("com/acme/A.class"), FileTime.from(Instant.now()));
    Snapshot after = snapshotter.take();

    assertThat(after.id()).isEqualTo(before.id());
    assertThat(snapshotter.lastStats().filesRead()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void take_contentChanged_changesId() throws Exception {
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes));
    Snapshot before = snapshotter.take();

    write("com/acme/A.class", "class A, version 2");
    Snapshot after = snapshotter.take();

    assertThat(after.id()).isNotEqualTo(before.id());
    assertThat(text(after, "com/acme/A.class")).isEqualTo("class A, version 2");
    assertThat(text(before, "com/acme/A.class")).isEqualTo("class A");
  }

  @Test
  void take_oneFileChanged_rereadsOnlyThatFile() throws Exception {
    ageAllFiles();
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes));
    snapshotter.take();
    assertThat(snapshotter.lastStats()).isEqualTo(new SnapshotStats(3, 0, 0, 0));

    snapshotter.take();
    assertThat(snapshotter.lastStats()).isEqualTo(new SnapshotStats(0, 3, 0, 0));

    write("com/acme/B.class", "class B, version 2");
    Snapshot changed = snapshotter.take();

    assertThat(snapshotter.lastStats()).isEqualTo(new SnapshotStats(1, 2, 0, 0));
    assertThat(text(changed, "com/acme/B.class")).isEqualTo("class B, version 2");
  }

  @Test
  void take_recentlyModifiedFile_rereadAtNextTakeToo() throws Exception {
    ageAllFiles();
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes));
    snapshotter.take();
    write("com/acme/B.class", "class B, version 2");
    snapshotter.take();

    // Same size and time within the coarse-timestamp window: must not be trusted yet.
    snapshotter.take();

    assertThat(snapshotter.lastStats().filesRead()).isEqualTo(1);
  }

  @Test
  void take_fileDeleted_absentFromNextSnapshotButKeptInPrevious() throws Exception {
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes));
    Snapshot before = snapshotter.take();

    Files.delete(classes.resolve("com/acme/B.class"));
    Snapshot after = snapshotter.take();

    assertThat(after.resourceNames()).doesNotContain("com/acme/B.class");
    assertThat(before.resourceNames()).contains("com/acme/B.class");
    assertThat(after.id()).isNotEqualTo(before.id());
  }

  @Test
  void take_directoryWithLibJars_includesJarEntriesAndDirectoryWins() throws Exception {
    Jars.write(
        classes.resolve("lib/dep.jar"),
        Map.of(
            "com/dep/D.class", bytes("class D"),
            "com/acme/A.class", bytes("class A from the jar"),
            "META-INF/dep.txt", bytes("dep")));
    Jars.write(
        classes.resolve("lib/other.jar"),
        Map.of("com/dep/D.class", bytes("class D from other"), "com/other/O.class", bytes("O")));
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes));

    Snapshot snapshot = snapshotter.take();

    assertThat(snapshot.resourceNames())
        .containsExactlyInAnyOrder(
            "com/acme/A.class",
            "com/acme/B.class",
            "META-INF/x.txt",
            "com/dep/D.class",
            "META-INF/dep.txt",
            "com/other/O.class");
    assertThat(text(snapshot, "com/acme/A.class")).isEqualTo("class A");
    assertThat(text(snapshot, "com/dep/D.class")).isEqualTo("class D");
    assertThat(snapshotter.lastStats().jarsRead()).isEqualTo(2);
  }

  @Test
  void take_libJarUnchanged_reusesItAndRereadsChangedJar() throws Exception {
    Path dep = Jars.write(classes.resolve("lib/dep.jar"), Map.of("com/dep/D.class", bytes("D")));
    Jars.write(classes.resolve("lib/other.jar"), Map.of("com/other/O.class", bytes("O")));
    ageAllFiles();
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes));
    snapshotter.take();

    Jars.write(dep, Map.of("com/dep/D.class", bytes("D, version 2")));
    Snapshot snapshot = snapshotter.take();

    assertThat(snapshotter.lastStats()).isEqualTo(new SnapshotStats(0, 3, 1, 1));
    assertThat(text(snapshot, "com/dep/D.class")).isEqualTo("D, version 2");
  }

  @Test
  void take_singleJar_readsEntriesAndRereadsOnlyWhenChanged() throws Exception {
    Path jar =
        Jars.write(
            dir.resolve("app.jar"),
            Map.of("com/acme/A.class", bytes("A"), "META-INF/x.txt", bytes("x")));
    Files.setLastModifiedTime(jar, AN_HOUR_AGO);
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(jar));

    Snapshot first = snapshotter.take();
    Snapshot second = snapshotter.take();

    assertThat(first.resourceNames()).containsExactly("META-INF/x.txt", "com/acme/A.class");
    assertThat(first.classNames()).containsExactly("com.acme.A");
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(snapshotter.lastStats()).isEqualTo(new SnapshotStats(0, 0, 0, 1));

    Jars.write(jar, Map.of("com/acme/A.class", bytes("A, version 2")));
    Snapshot third = snapshotter.take();

    assertThat(snapshotter.lastStats().jarsRead()).isEqualTo(1);
    assertThat(third.resourceNames()).containsExactly("com/acme/A.class");
  }

  @Test
  void take_codeSourceDirectoryRemoved_throwsInsteadOfEmptySnapshot() throws Exception {
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes));
    snapshotter.take();
    try (Stream<Path> files = Files.walk(classes)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(SnapshotterTest::delete);
    }

    assertThatThrownBy(snapshotter::take)
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(classes.toString());
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void ageAllFiles() throws IOException {
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Files.setLastModifiedTime(file, AN_HOUR_AGO);
      }
    }
  }

  private void write(String name, String content) throws IOException {
    Path file = classes.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static String text(Snapshot snapshot, String name) {
    ByteBuffer buffer = snapshot.resource(name).orElseThrow();
    return UTF_8.decode(buffer).toString();
  }
}
