package io.hotswap.loader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * after construction and are handed out as read-only views. Immutable and thread-safe.
 */
public final class Snapshot {

  private static final String CLASS_SUFFIX = ".class";

  private final NavigableMap<String, byte[]> entries;
  private final SnapshotId id;
  private final Instant takenAt;
  private final List<String> classNames;
  private final long totalBytes;

  private Snapshot(NavigableMap<String, byte[]> entries, SnapshotId id, Instant takenAt) {
    this.entries = Collections.unmodifiableNavigableMap(entries);
    this.id = id;
    this.takenAt = takenAt;
    this.classNames = classNamesOf(entries.keySet());
    long total = 0;
    for (byte[] bytes : entries.values()) {
      total += bytes.length;
    }
    this.totalBytes = total;
  }

  /**
   * A snapshot of the given entries, taken now. The map and the arrays are copied.
   *
   * @param entries resource name (with {@code /}, no leading slash) to content
   */
  public static Snapshot of(Map<String, byte[]> entries) {
    TreeMap<String, byte[]> copy = new TreeMap<>();
    entries.forEach((name, bytes) -> copy.put(checkName(name), bytes.clone()));
    return owning(copy, Instant.now());
  }

  /** A snapshot that takes ownership of {@code entries}; the caller must not modify them. */
  static Snapshot owning(TreeMap<String, byte[]> entries, Instant takenAt) {
    return new Snapshot(entries, idOf(entries), takenAt);
  }

  /** The same content as {@code previous}, taken at another instant: no need to rehash. */
  static Snapshot retaken(Snapshot previous, Instant takenAt) {
    return new Snapshot(previous.entries, previous.id, takenAt);
  }

  /** The content hash of this snapshot. */
  public SnapshotId id() {
    return id;
  }

  /** When this snapshot was taken. */
  public Instant takenAt() {
    return takenAt;
  }

  /** Every entry name, sorted, with {@code /} as separator (e.g. {@code com/acme/Foo.class}). */
  public Set<String> resourceNames() {
    return entries.keySet();
  }

  /**
   * The content of entry {@code name} as a read-only view (no copy), or empty when absent.
   *
   * @param name an entry name such as {@code META-INF/x.txt}
   */
  public Optional<ByteBuffer> resource(String name) {
    byte[] bytes = entries.get(name);
    return bytes == null
        ? Optional.empty()
        : Optional.of(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
  }

  /**
   * The names of the entries under directory {@code prefix} (which ends with {@code /}, or is empty
   * for all), sorted; a view, no copy.
   */
  public SortedSet<String> namesUnder(String prefix) {
    if (prefix.isEmpty()) {
      return entries.navigableKeySet();
    }
    return entries.subMap(prefix, true, prefix + Character.MAX_VALUE, false).navigableKeySet();
  }

  /** Whether the snapshot has an entry named {@code name}. */
  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /**
   * The binary names ({@code com.acme.Foo$Bar}) of every {@code .class} entry, sorted, except
   * {@code module-info}, {@code package-info} and entries under {@code META-INF/}.
   */
  public List<String> classNames() {
    return classNames;
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
    try (OutputStream out = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(out)) {
      CRC32 crc = new CRC32();
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        byte[] bytes = entry.getValue();
        ZipEntry zipEntry = new ZipEntry(entry.getKey());
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

  private static String checkName(String name) {
    Objects.requireNonNull(name, "entry name");
    if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
      throw new IllegalArgumentException("Not a resource name: '" + name + "'");
    }
    return name;
  }

  private static List<String> classNamesOf(Set<String> names) {
    List<String> result = new ArrayList<>();
    for (String name : names) {
      if (!name.endsWith(CLASS_SUFFIX) || name.startsWith("META-INF/")) {
        continue;
      }
      String binary = name.substring(0, name.length() - CLASS_SUFFIX.length()).replace('/', '.');
      if (binary.equals("module-info") || binary.endsWith("package-info")) {
        continue;
      }
      result.add(binary);
    }
    Collections.sort(result);
    return List.copyOf(result);
  }

  /**
   * SHA-256 over the entries in name order; each entry contributes its UTF-8 name, a zero byte, its
   * length as 8 big-endian bytes, then its content, so no two entry lists hash alike by
   * concatenation.
   */
  private static SnapshotId idOf(NavigableMap<String, byte[]> entries) {
    MessageDigest digest = sha256();
    ByteBuffer length = ByteBuffer.allocate(Long.BYTES);
    for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
      digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      length.clear();
      length.putLong(entry.getValue().length);
      digest.update(length.array());
      digest.update(entry.getValue());
    }
    return new SnapshotId(HexFormat.of().formatHex(digest.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
