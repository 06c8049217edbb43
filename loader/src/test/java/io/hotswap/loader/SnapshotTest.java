package io.hotswap.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {

  @TempDir Path dir;

  @Test
  void classNames_mixedEntries_binaryNamesSortedWithoutInfoClasses() {
    Snapshot snapshot =
        Snapshot.of(
            Map.of(
                "com/acme/Foo.class", new byte[] {1},
                "com/acme/Foo$Bar.class", new byte[] {2},
                "com/acme/package-info.class", new byte[] {3},
                "module-info.class", new byte[] {4},
                "META-INF/versions/11/com/acme/Foo.class", new byte[] {5},
                "Top.class", new byte[] {6},
                "META-INF/x.txt", new byte[] {7}));

    assertThat(snapshot.classNames()).containsExactly("Top", "com.acme.Foo", "com.acme.Foo$Bar");
    assertThat(snapshot.size()).isEqualTo(7);
    assertThat(snapshot.totalBytes()).isEqualTo(7);
    assertThat(snapshot.resourceNames()).contains("META-INF/x.txt", "module-info.class");
  }

  @Test
  void of_inputMutatedAfterwards_snapshotKeepsOriginalBytes() {
    byte[] bytes = "one".getBytes(UTF_8);
    Map<String, byte[]> entries = new HashMap<>(Map.of("a.txt", bytes));
    Snapshot snapshot = Snapshot.of(entries);

    bytes[0] = 'X';
    entries.put("b.txt", bytes);

    assertThat(snapshot.resourceNames()).containsExactly("a.txt");
    assertThat(text(snapshot.resource("a.txt").orElseThrow())).isEqualTo("one");
  }

  @Test
  void resource_present_isReadOnlyView() {
    Snapshot snapshot = Snapshot.of(Map.of("a.txt", "one".getBytes(UTF_8)));

    ByteBuffer view = snapshot.resource("a.txt").orElseThrow();

    assertThat(view.isReadOnly()).isTrue();
    assertThatThrownBy(() -> view.put(0, (byte) 'X')).isInstanceOf(ReadOnlyBufferException.class);
    assertThat(snapshot.resource("missing.txt")).isEmpty();
  }

  @Test
  void id_sameContentDifferentInstants_equal() {
    Snapshot first = Snapshot.of(Map.of("a.txt", "one".getBytes(UTF_8)));
    Snapshot second = Snapshot.of(Map.of("a.txt", "one".getBytes(UTF_8)));

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(first.id().hex()).hasSize(64).matches("[0-9a-f]+");
    assertThat(first.id().shortId()).isEqualTo(first.id().hex().substring(0, 12));
    assertThat(first.id()).hasToString(first.id().shortId());
  }

  @Test
  void id_contentOrNameChanged_differs() {
    SnapshotId base = Snapshot.of(Map.of("a.txt", "one".getBytes(UTF_8))).id();

    assertThat(Snapshot.of(Map.of("a.txt", "two".getBytes(UTF_8))).id()).isNotEqualTo(base);
    assertThat(Snapshot.of(Map.of("b.txt", "one".getBytes(UTF_8))).id()).isNotEqualTo(base);
    assertThat(Snapshot.of(Map.of("a.txtone", new byte[0])).id()).isNotEqualTo(base);
  }

  @Test
  void id_definition_sha256OverNameLengthNameAndContentHashInNameOrder() throws Exception {
    Map<String, byte[]> entries =
        Map.of("com/acme/B.class", new byte[] {1, 2, 3}, "a.txt", "one".getBytes(UTF_8));

    SnapshotId id = Snapshot.of(entries).id();

    assertThat(id.hex()).isEqualTo(idByDefinition(entries));
    // Pinned, so a change of definition is a deliberate one (every node must agree on it).
    assertThat(id.hex())
        .isEqualTo("eff75b72522c000a77d84499c98f45274ccce651f175cf716cc735e214b5cc9c");
  }

  @Test
  void id_manyEntriesAndANameLongerThanAnyBuffer_sameDefinition() throws Exception {
    Map<String, byte[]> entries = new HashMap<>();
    for (int i = 0; i < 2_000; i++) {
      entries.put("com/acme/\u00e9t\u00e9/C" + i + ".class", ("class " + i).getBytes(UTF_8));
    }
    entries.put("long/" + "n".repeat(40_000) + ".txt", new byte[] {9});

    assertThat(Snapshot.of(entries).id().hex()).isEqualTo(idByDefinition(entries));
  }

  @Test
  void contentHash_presentAndAbsent_sha256HexOfTheEntry() {
    Snapshot snapshot = Snapshot.of(Map.of("a.txt", "one".getBytes(UTF_8)));

    assertThat(snapshot.contentHash("a.txt"))
        .contains("7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed");
    assertThat(snapshot.contentHash("missing.txt")).isEmpty();
  }

  @Test
  void namesUnder_directory_sortedViewOfThatDirectoryOnly() {
    Snapshot snapshot =
        Snapshot.of(
            Map.of(
                "a/x.txt", new byte[] {1},
                "a/b/y.txt", new byte[] {2},
                "a.txt", new byte[] {3},
                "ab/z.txt", new byte[] {4}));

    assertThat(snapshot.namesUnder("a/")).containsExactly("a/b/y.txt", "a/x.txt");
    assertThat(snapshot.namesUnder("")).hasSize(4).first().isEqualTo("a.txt");
    assertThat(snapshot.contains("a/x.txt")).isTrue();
    assertThat(snapshot.contains("a/")).isFalse();
  }

  @Test
  void writeJar_anySnapshot_roundTripsEntries() throws Exception {
    Snapshot snapshot =
        Snapshot.of(
            Map.of("a.txt", "one".getBytes(UTF_8), "com/acme/B.class", new byte[] {1, 2, 3}));
    Path jar = dir.resolve("s.jar");

    snapshot.writeJar(jar);

    assertThat(new Snapshotter(CodeSource.of(jar)).take().id()).isEqualTo(snapshot.id());
  }

  /** The id as SnapshotId's javadoc defines it, computed the plain way. */
  private static String idByDefinition(Map<String, byte[]> entries) throws Exception {
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    for (String name : new TreeSet<>(entries.keySet())) {
      byte[] utf8 = name.getBytes(UTF_8);
      expected.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
      expected.update(utf8);
      expected.update(MessageDigest.getInstance("SHA-256").digest(entries.get(name)));
    }
    return HexFormat.of().formatHex(expected.digest());
  }

  private static String text(ByteBuffer buffer) {
    return UTF_8.decode(buffer).toString();
  }
}
