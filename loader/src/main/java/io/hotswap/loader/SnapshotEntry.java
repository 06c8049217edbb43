package io.hotswap.loader;

import java.util.Arrays;

/**
 * One entry's content and its SHA-256, hashed once when the content was read and carried from
 * snapshot to snapshot while the content stays the same.
 *
 * <p>Immutable and thread-safe: the arrays are owned and never modified, nor handed out.
 */
final class SnapshotEntry {

  private final byte[] bytes;
  private final byte[] hash;

  private SnapshotEntry(byte[] bytes, byte[] hash) {
    this.bytes = bytes;
    this.hash = hash;
  }

  /** An entry owning {@code bytes} (the caller must not modify them), hashed by {@code hasher}. */
  static SnapshotEntry of(byte[] bytes, EntryHasher hasher) {
    return new SnapshotEntry(bytes, hasher.hash(bytes));
  }

  /**
   * {@code known} when it holds exactly {@code bytes} (a file re-read but not changed keeps its
   * hash), else a new entry hashed by {@code hasher}.
   */
  static SnapshotEntry reusing(SnapshotEntry known, byte[] bytes, EntryHasher hasher) {
    if (known != null && Arrays.equals(known.bytes, bytes)) {
      return known;
    }
    return of(bytes, hasher);
  }

  /** The content; never modified, never to be handed out unwrapped. */
  byte[] bytes() {
    return bytes;
  }

  /** The 32 bytes of the content's SHA-256; never to be modified. */
  byte[] hash() {
    return hash;
  }

  /** The content's length in bytes. */
  int length() {
    return bytes.length;
  }
}
