package io.hotswap.loader;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The content hash of a {@link Snapshot}: SHA-256 over its entries in name order, as lowercase hex.
 *
 * <p>Two snapshots have the same id exactly when they hold the same entry names with the same
 * bytes; timestamps play no part. Immutable and thread-safe.
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
