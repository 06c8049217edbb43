package io.hotswap.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.loader.testing.Jars;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot after a change costs work proportional to the change, and equals a fresh one. */
class IncrementalSnapshotTest {

  private static final int FILES = 5_000;

  @TempDir Path dir;
  private Path classes;
  private final AtomicInteger hashed = new AtomicInteger();
  private final EntryHasher counting =
      content -> {
        hashed.incrementAndGet();
        return EntryHasher.SHA_256.hash(content);
      };

  /** Each write gets its own modification time an hour or more ago: re-read once, never racy. */
  private long nextModified = Instant.now().minusSeconds(7_200).toEpochMilli();

  @BeforeEach
  void createCodeSource() throws IOException {
    classes = Files.createDirectory(dir.resolve("classes"));
  }

  @Test
  void take_oneOfFiveThousandFilesChanged_hashesExactlyOneEntry() throws Exception {
    for (int i = 0; i < FILES; i++) {
      write(className(i), "class C" + i);
    }
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes), counting);
    Snapshot before = snapshotter.take();
    assertThat(hashed.getAndSet(0)).isEqualTo(FILES);

    write(className(2_345), "class C2345, version 2");
    Snapshot after = snapshotter.take();

    assertThat(hashed.get()).isEqualTo(1);
    assertThat(snapshotter.lastStats()).isEqualTo(new SnapshotStats(1, FILES - 1, 0, 0));
    assertThat(after.id()).isNotEqualTo(before.id()).isEqualTo(fresh().id());
    assertThat(text(after, className(2_345))).isEqualTo("class C2345, version 2");
    assertThat(text(before, className(2_345))).isEqualTo("class C2345");
    // The name index was edited along one path, not rebuilt: at most its height in new nodes.
    assertThat(after.entryTree().nodesNotIn(before.entryTree()))
        .isBetween(1, before.entryTree().height());
    assertThat(after.classNames()).hasSize(FILES).isEqualTo(fresh().classNames());
  }

  @Test
  void take_oneFileAddedAndOneRemoved_hashesOnlyTheNewOne() throws Exception {
    for (int i = 0; i < FILES; i++) {
      write(className(i), "class C" + i);
    }
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes), counting);
    Snapshot before = snapshotter.take();
    hashed.set(0);

    write("com/acme/C02345$Inner.class", "inner");
    Files.delete(classes.resolve(className(17)));
    Snapshot after = snapshotter.take();

    assertThat(hashed.get()).isEqualTo(1);
    assertThat(after.size()).isEqualTo(FILES);
    assertThat(after.id()).isEqualTo(fresh().id());
    assertThat(after.classNames())
        .contains("com.acme.C02345$Inner")
        .doesNotContain("com.acme.C00017");
    assertThat(after.classNames()).isEqualTo(fresh().classNames());
    assertThat(after.totalBytes()).isEqualTo(before.totalBytes() + 5 - "class C17".length());
    assertThat(after.entryTree().nodesNotIn(before.entryTree()))
        .isLessThanOrEqualTo(2 * (before.entryTree().height() + 3));
  }

  @Test
  void take_fileRewrittenWithSameBytes_hashesNothingAndKeepsSnapshot() throws Exception {
    write("com/acme/A.class", "class A");
    write("com/acme/B.class", "class B");
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes), counting);
    Snapshot before = snapshotter.take();
    hashed.set(0);

    write("com/acme/A.class", "class A");
    Snapshot after = snapshotter.take();

    assertThat(snapshotter.lastStats().filesRead()).isEqualTo(1);
    assertThat(hashed.get()).isZero();
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.entryTree()).isSameAs(before.entryTree());
  }

  @Test
  void take_randomEditsOfFilesAndLibJars_equalsAFreshSnapshotEachTime() throws Exception {
    Random random = new Random(19);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add(i % 7 == 0 ? "res/r" + i + ".txt" : className(i));
    }
    Map<String, byte[]> depJar = new HashMap<>();
    Map<String, byte[]> otherJar = new HashMap<>();
    for (int i = 0; i < 40; i += 3) {
      depJar.put(names.get(i), bytes("dep " + i));
      otherJar.put(names.get((i + 1) % 40), bytes("other " + i));
    }
    writeJar("lib/dep.jar", depJar);
    writeJar("lib/other.jar", otherJar);
    for (int i = 0; i < 40; i += 2) {
      write(names.get(i), "v0 " + i);
    }
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(classes));
    snapshotter.take();

    for (int round = 1; round <= 60; round++) {
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        String name = names.get(random.nextInt(names.size()));
        Path file = classes.resolve(name);
        int what = random.nextInt(10);
        if (what < 4) {
          write(name, "v" + round + " " + name); // new or changed, may shadow a jar entry
        } else if (what < 7) {
          Files.deleteIfExists(file); // may uncover a jar entry
        } else if (what < 8) {
          write(name, Files.exists(file) ? Files.readString(file) : "same"); // same bytes
        } else if (what < 9) {
          depJar.put(name, bytes("dep v" + round));
          writeJar("lib/dep.jar", depJar);
        } else {
          otherJar.remove(name);
          writeJar("lib/other.jar", otherJar);
        }
      }

      Snapshot incremental = snapshotter.take();
      Snapshot fresh = fresh();

      assertThat(incremental.id()).as("round %d", round).isEqualTo(fresh.id());
      assertThat(List.copyOf(incremental.resourceNames()))
          .isEqualTo(List.copyOf(fresh.resourceNames()));
      assertThat(incremental.classNames()).isEqualTo(fresh.classNames());
      assertThat(incremental.totalBytes()).isEqualTo(fresh.totalBytes());
      for (String name : fresh.resourceNames()) {
        assertThat(incremental.resource(name)).as(name).isEqualTo(fresh.resource(name));
      }
    }
  }

  private Snapshot fresh() throws IOException {
    return new Snapshotter(CodeSource.of(classes)).take();
  }

  private void write(String name, String content) throws IOException {
    Path file = classes.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    age(file);
  }

  private void writeJar(String name, Map<String, byte[]> entries) throws IOException {
    Path jar = classes.resolve(name);
    Files.createDirectories(jar.getParent());
    Jars.write(jar, entries);
    age(jar);
  }

  private void age(Path file) throws IOException {
    nextModified += 1_000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(nextModified));
  }

  private static String className(int i) {
    return String.format("com/acme/C%05d.class", i);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static String text(Snapshot snapshot, String name) {
    ByteBuffer buffer = snapshot.resource(name).orElseThrow();
    return UTF_8.decode(buffer).toString();
  }
}
