package io.hotswap.cluster.internal;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * One command or reply between cluster nodes, as it travels on the event bus: a JSON header (the
 * operation, the sender, the addressee, a timestamp and a nonce) and an optional binary payload
 * (class files being shipped). Encoded as a 4-byte header length, the header's UTF-8 JSON, then the
 * payload; the {@link Authenticator} signs the encoded bytes. No Java serialization anywhere.
 *
 * @param header the JSON header
 * @param payload raw bytes after the header, possibly empty
 *     <p>Immutable by convention: do not modify the header or payload after construction.
 */
record Envelope(JsonObject header, Buffer payload) {

  Envelope(JsonObject header) {
    this(header, Buffer.buffer());
  }

  /** The operation, e.g. {@code describe}, {@code stage}, {@code activate}, {@code reply}. */
  String op() {
    return header.getString("op", "");
  }

  Buffer encode() {
    Buffer json = header.toBuffer();
    return Buffer.buffer(4 + json.length() + payload.length())
        .appendInt(json.length())
        .appendBuffer(json)
        .appendBuffer(payload);
  }

  /**
   * Decodes what {@link #encode()} wrote.
   *
   * @throws IllegalArgumentException when the bytes are not an envelope
   */
  static Envelope decode(Buffer bytes) {
    if (bytes.length() < 4) {
      throw new IllegalArgumentException("message too short for an envelope");
    }
    int length = bytes.getInt(0);
    if (length < 2 || length > bytes.length() - 4) {
      throw new IllegalArgumentException("bad envelope header length " + length);
    }
    JsonObject header = new JsonObject(bytes.getBuffer(4, 4 + length));
    return new Envelope(header, bytes.getBuffer(4 + length, bytes.length()));
  }
}
