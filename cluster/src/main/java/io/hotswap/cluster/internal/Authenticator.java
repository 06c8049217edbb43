package io.hotswap.cluster.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks every envelope between the nodes of a roll group with HMAC-SHA256 over its
 * encoded bytes, using the key from the node's own configuration. A message is accepted only when
 * its MAC checks out, it names this group and this node as addressee, its timestamp is within
 * {@link #MAX_SKEW} of this node's clock, and its nonce was not seen before (replay): shipping a
 * snapshot is shipping code the node will run.
 *
 * <p>Thread-safe: a {@link Mac} is created per call; the nonce cache is concurrent.
 */
final class Authenticator {
  /** The delivery header that carries the MAC, as lowercase hex. */
  static final String MAC_HEADER = "hotswap-hmac";

  /** How far a message's timestamp may be from this node's clock. */
  static final Duration MAX_SKEW = Duration.ofMinutes(2);

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final String group;
  private final Clock clock;
  private final Cache<String, Boolean> seenNonces =
      Caffeine.newBuilder().expireAfterWrite(MAX_SKEW.multipliedBy(2)).maximumSize(100_000).build();

  Authenticator(byte[] key, String group, Clock clock) {
    this.key = new SecretKeySpec(key, ALGORITHM);
    this.group = group;
    this.clock = clock;
  }

  /**
   * A header for {@code op} from {@code from} to {@code to}, with this group, the time and a fresh
   * nonce.
   */
  JsonObject header(String op, String from, String to) {
    return new JsonObject()
        .put("op", op)
        .put("group", group)
        .put("from", from)
        .put("to", to)
        .put("issuedAt", clock.millis())
        .put("nonce", UUID.randomUUID().toString());
  }

  /** The encoded envelope and the delivery options that carry its MAC. */
  Signed sign(Envelope envelope) {
    Buffer bytes = envelope.encode();
    return new Signed(bytes, new DeliveryOptions().addHeader(MAC_HEADER, mac(bytes)));
  }

  /**
   * Checks a message addressed to node {@code self} and decodes it.
   *
   * @throws CommandRefusedException naming what did not check out
   */
  Envelope open(Buffer bytes, String mac, String self) {
    if (mac == null
        || !MessageDigest.isEqual(
            mac.getBytes(StandardCharsets.US_ASCII),
            mac(bytes).getBytes(StandardCharsets.US_ASCII))) {
      throw new CommandRefusedException(
          "refused: the message is not authenticated with this node's cluster key (HMAC mismatch;"
              + " do the nodes share the same key file?)");
    }
    Envelope envelope;
    try {
      envelope = Envelope.decode(bytes);
    } catch (RuntimeException e) {
      throw new CommandRefusedException("refused: malformed message: " + e.getMessage());
    }
    JsonObject header = envelope.header();
    if (!group.equals(header.getString("group"))) {
      throw new CommandRefusedException(
          "refused: message for roll group '" + header.getString("group") + "', not " + group);
    }
    if (!self.equals(header.getString("to"))) {
      throw new CommandRefusedException("refused: message addressed to another node");
    }
    long skew = Math.abs(clock.millis() - header.getLong("issuedAt", 0L));
    if (skew > MAX_SKEW.toMillis()) {
      throw new CommandRefusedException(
          "refused: message timestamp is " + skew + " ms away from this node's clock");
    }
    String nonce = header.getString("nonce", "");
    if (nonce.isEmpty() || seenNonces.asMap().putIfAbsent(nonce, Boolean.TRUE) != null) {
      throw new CommandRefusedException("refused: replayed message (nonce seen before)");
    }
    return envelope;
  }

  private String mac(Buffer bytes) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(bytes.getBytes()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK has " + ALGORITHM, e);
    }
  }

  /** An encoded envelope and the delivery options carrying its MAC. */
  record Signed(Buffer bytes, DeliveryOptions options) {}
}
