package io.hotswap.loader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * An immutable, content-hashed copy of a code source taken at one instant: the only place a
 * generation's classes and resources come from.
 *
 * <p>Built by {@link Snapshotter#take()} or {@link #of(Map)}. The entry bytes are never modified
 * after construction and are handed out as read-only views. Each entry's SHA-256 is computed once,
 * when its content is read, and a snapshot taken after a change shares the unchanged entries, their
 * hashes and most of its sorted name index with the previous one (see {@link SnapshotId} for the
 * id). Immutable and thread-safe.
 */
public final class Snapshot {

  private static final String CLASS_SUFFIX = ".class";
  private static final int ID_BUFFER_BYTES = 16 * 1024;

  private final NameTree<SnapshotEntry> entries;
  private final NameTree<Integer> classes;
  private final long totalBytes;
  private final SnapshotId id;
  private final PlatformContent platform;
  private final Instant takenAt;

  private Snapshot(
      NameTree<SnapshotEntry> entries,
      NameTree<Integer> classes,
      long totalBytes,
      SnapshotId id,
      PlatformContent platform,
      Instant takenAt) {
    this.entries = entries;
    this.classes = classes;
    this.totalBytes = totalBytes;
    this.id = id;
    this.platform = platform;
    this.takenAt = takenAt;
  }

  /**
   * A snapshot of the given entries, taken now. The map and the arrays are copied.
   *
   * @param entries resource name (with {@code /}, no leading slash) to content
   */
  public static Snapshot of(Map<String, byte[]> entries) {
    TreeMap<String, SnapshotEntry> copy = new TreeMap<>();
    entries.forEach(
        (name, bytes) ->
            copy.put(checkName(name), SnapshotEntry.of(bytes.clone(), EntryHasher.SHA_256)));
    return owning(copy, PlatformContent.NONE, Instant.now());
  }

  /**
   * A snapshot of {@code entries}, built whole: the name index from the already sorted names, the
   * class-name index sorted once. The entries are shared, never modified.
   */
  static Snapshot owning(
      SortedMap<String, SnapshotEntry> entries, PlatformContent platform, Instant takenAt) {
    if (entries.comparator() != null) {
      throw new IllegalArgumentException("entries must be in natural order");
    }
    List<String> names = new ArrayList<>(entries.keySet());
    List<SnapshotEntry> values = new ArrayList<>(entries.values());
    NameTree<SnapshotEntry> tree = NameTree.fromSorted(names, values);
    TreeMap<String, Integer> binaryNames = new TreeMap<>();
    long total = 0;
    for (Map.Entry<String, SnapshotEntry> entry : entries.entrySet()) {
      total += entry.getValue().length();
      String binary = binaryNameOf(entry.getKey());
      if (binary != null) {
        binaryNames.merge(binary, 1, Integer::sum);
      }
    }
    NameTree<Integer> classes =
        NameTree.fromSorted(
            new ArrayList<>(binaryNames.keySet()), new ArrayList<>(binaryNames.values()));
    return new Snapshot(tree, classes, total, idOf(tree), platform, takenAt);
  }

  /**
   * A snapshot of {@code entries} and {@code classes} as changed by {@link SnapshotEdit}: only the
   * id is computed here, from the entries' kept hashes.
   */
  static Snapshot edited(
      NameTree<SnapshotEntry> entries,
      NameTree<Integer> classes,
      long totalBytes,
      PlatformContent platform,
      Instant takenAt) {
    return new Snapshot(entries, classes, totalBytes, idOf(entries), platform, takenAt);
  }

  /** The same content as {@code previous}, taken at another instant: no need to rehash. */
  static Snapshot retaken(Snapshot previous, Instant takenAt) {
    return new Snapshot(
        previous.entries,
        previous.classes,
        previous.totalBytes,
        previous.id,
        previous.platform,
        takenAt);
  }

  /** An edit of this snapshot's content, for the next snapshot (same platform code). */
  SnapshotEdit edit() {
    return new SnapshotEdit(entries, classes, totalBytes, platform);
  }

  /**
   * The platform code the code source ships and this snapshot leaves out (see {@link
   * PlatformPackages}): the host must provide it; {@link PlatformContent#NONE} when there is none.
   */
  public PlatformContent platform() {
    return platform;
  }

  /** The entry named {@code name} with its hash, or {@code null}. */
  SnapshotEntry entry(String name) {
    return entries.get(name);
  }

  /** The name index; for tests of the structure sharing. */
  NameTree<SnapshotEntry> entryTree() {
    return entries;
  }

  /** The content hash of this snapshot. */
  public SnapshotId id() {
    return id;
  }

  /** When this snapshot was taken. */
  public Instant takenAt() {
    return takenAt;
  }

  /**
   * Every entry name, sorted, with {@code /} as separator (e.g. {@code com/acme/Foo.class}); an
   * unmodifiable view, no copy.
   */
  public Set<String> resourceNames() {
    return NameSet.of(entries);
  }

  /**
   * The content of entry {@code name} as a read-only view (no copy), or empty when absent.
   *
   * @param name an entry name such as {@code META-INF/x.txt}
   */
  public Optional<ByteBuffer> resource(String name) {
    SnapshotEntry entry = entries.get(name);
    return entry == null
        ? Optional.empty()
        : Optional.of(ByteBuffer.wrap(entry.bytes()).asReadOnlyBuffer());
  }

  /**
   * The SHA-256 of entry {@code name}'s content as 64 lowercase hex digits, or empty when absent.
   * Kept with the entry: no hashing here.
   *
   * @param name an entry name such as {@code META-INF/x.txt}
   */
  public Optional<String> contentHash(String name) {
    SnapshotEntry entry = entries.get(name);
    return entry == null ? Optional.empty() : Optional.of(HexFormat.of().formatHex(entry.hash()));
  }

  /**
   * The names of the entries under directory {@code prefix} (which ends with {@code /}, or is empty
   * for all), sorted; a view, no copy.
   */
  public SortedSet<String> namesUnder(String prefix) {
    if (prefix.isEmpty()) {
      return NameSet.of(entries);
    }
    return new NameSet(entries, prefix, prefix + Character.MAX_VALUE);
  }

  /** Whether the snapshot has an entry named {@code name}. */
  public boolean contains(String name) {
    return entries.get(name) != null;
  }

  /**
   * The binary names ({@code com.acme.Foo$Bar}) of every {@code .class} entry, sorted, each once,
   * except {@code module-info}, {@code package-info} and entries under {@code META-INF/}; an
   * unmodifiable view, no copy ({@code contains} is O(log n)).
   */
  public List<String> classNames() {
    return new NameList(classes);
  }

  /** The number of entries. */
  public int size() {
    return entries.size();
  }

  /** The sum of the entry sizes in bytes. */
  public long totalBytes() {
    return totalBytes;
  }

  /**
   * Writes this snapshot as an uncompressed jar to {@code target}, replacing it.
   *
   * @throws IOException when the jar cannot be written
   */
  public void writeJar(Path target) throws IOException {
    List<String> names = new ArrayList<>(entries.size());
    List<SnapshotEntry> contents = new ArrayList<>(entries.size());
    entries.forEach(
        (name, entry) -> {
          names.add(name);
          contents.add(entry);
        });
    try (OutputStream out = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(out)) {
      CRC32 crc = new CRC32();
      for (int i = 0; i < names.size(); i++) {
        byte[] bytes = contents.get(i).bytes();
        ZipEntry zipEntry = new ZipEntry(names.get(i));
        zipEntry.setMethod(ZipEntry.STORED);
        zipEntry.setSize(bytes.length);
        zipEntry.setCompressedSize(bytes.length);
        crc.reset();
        crc.update(bytes);
        zipEntry.setCrc(crc.getValue());
        jar.putNextEntry(zipEntry);
        jar.write(bytes);
        jar.closeEntry();
      }
    }
  }

  @Override
  public String toString() {
    return "Snapshot[" + id.shortId() + ", " + entries.size() + " entries, " + totalBytes + " B]";
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "entry name");
    if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
      throw new IllegalArgumentException("Not a resource name: '" + name + "'");
    }
    return name;
  }

  /**
   * The binary name of a class entry ({@code com/acme/Foo$Bar.class} to {@code com.acme.Foo$Bar}),
   * or {@code null} for resources, {@code module-info}, {@code package-info} and {@code META-INF/}.
   */
  static String binaryNameOf(String name) {
    if (!name.endsWith(CLASS_SUFFIX) || name.startsWith("META-INF/")) {
      return null;
    }
    String binary = name.substring(0, name.length() - CLASS_SUFFIX.length()).replace('/', '.');
    if (binary.equals("module-info") || binary.endsWith("package-info")) {
      return null;
    }
    return binary;
  }

  /**
   * The id as {@link SnapshotId} defines it, from the entries' kept hashes. The records go to the
   * digest through one buffer: a digest call per entry part costs more than the hashing itself.
   */
  private static SnapshotId idOf(NameTree<SnapshotEntry> entries) {
    MessageDigest digest = EntryHasher.sha256();
    ByteBuffer buffer = ByteBuffer.allocate(ID_BUFFER_BYTES);
    entries.forEach(
        (name, entry) -> {
          byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
          int record = Integer.BYTES + utf8.length + entry.hash().length;
          if (record > buffer.remaining()) {
            digest.update(buffer.array(), 0, buffer.position());
            buffer.clear();
          }
          if (record > buffer.capacity()) {
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(utf8.length).array());
            digest.update(utf8);
            digest.update(entry.hash());
          } else {
            buffer.putInt(utf8.length).put(utf8).put(entry.hash());
          }
        });
    digest.update(buffer.array(), 0, buffer.position());
    return new SnapshotId(HexFormat.of().formatHex(digest.digest()));
  }
}
