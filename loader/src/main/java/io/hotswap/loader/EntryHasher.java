package io.hotswap.loader;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashes an entry's content. {@link #SHA_256} is the only one used outside tests, which wrap it to
 * count how many entries a snapshot hashed.
 *
 * <p>Implementations are stateless and thread-safe.
 */
@FunctionalInterface
interface EntryHasher {

  /** SHA-256, 32 bytes. */
  EntryHasher SHA_256 = content -> sha256().digest(content);

  /** The hash of {@code content}, which is not modified. */
  byte[] hash(byte[] content);

  /** A new SHA-256 digest. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
