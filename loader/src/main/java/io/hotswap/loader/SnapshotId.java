package io.hotswap.loader;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The content hash of a {@link Snapshot}: SHA-256 over its entries' names and content hashes in
 * name order, as lowercase hex.
 *
 * <p>Definition: each entry's content is hashed on its own, {@code h = SHA-256(bytes)} (32 bytes);
 * the id is SHA-256 over, for every entry in ascending name order ({@link String#compareTo}), the
 * length of its UTF-8 name as 4 big-endian bytes, the UTF-8 name, then {@code h}. The length prefix
 * and the fixed-size hash keep two different entry lists from hashing alike by concatenation. So a
 * snapshot taken after a one-file change rehashes that file only and hashes 36 bytes plus a name
 * for each other entry. (Until issue 19 the id hashed every entry's whole content instead; ids of
 * the same content differ between the two definitions.)
 *
 * <p>The id is a pure function of the content: two snapshots have the same id exactly when they
 * hold the same entry names with the same bytes, in any JVM; timestamps play no part. Immutable and
 * thread-safe.
 *
 * @param hex the 64 lowercase hex digits of the hash
 */
public record SnapshotId(String hex) {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /** Validates that {@code hex} is 64 lowercase hex digits. */
  public SnapshotId {
    Objects.requireNonNull(hex, "hex");
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("Not a SHA-256 hex digest: " + hex);
    }
  }

  /** The first 12 hex digits, enough to tell snapshots apart in logs. */
  public String shortId() {
    return hex.substring(0, 12);
  }

  /** Returns {@link #shortId()}. */
  @Override
  public String toString() {
    return shortId();
  }
}
