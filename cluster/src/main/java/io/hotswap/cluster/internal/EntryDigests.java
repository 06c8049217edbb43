package io.hotswap.cluster.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hotswap.loader.Snapshot;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * The SHA-256 of every entry of a snapshot, computed once per snapshot and kept while the snapshot
 * is: what content addressing between nodes is built on (a node is sent only the entries whose
 * hashes it lacks, and checks each one it receives).
 *
 * <p>Thread-safe. Blocking (hashes every entry the first time): call it off the event loop.
 */
final class EntryDigests {
  private final Cache<Snapshot, Map<String, String>> digests =
      Caffeine.newBuilder().weakKeys().build();

  /** Entry name to lowercase hex SHA-256. */
  Map<String, String> of(Snapshot snapshot) {
    return digests.get(snapshot, EntryDigests::compute);
  }

  static String sha256(ByteBuffer content) {
    MessageDigest digest = newDigest();
    digest.update(content.duplicate());
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  static String sha256(byte[] content) {
    return sha256(ByteBuffer.wrap(content));
  }

  private static Map<String, String> compute(Snapshot snapshot) {
    Map<String, String> result = new HashMap<>();
    for (String name : snapshot.resourceNames()) {
      result.put(name, sha256(snapshot.resource(name).orElseThrow()));
    }
    return Map.copyOf(result);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
