package app.pojo;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/** A named codec (registerCodec, chosen per message): upper-cases strings it delivers. */
public class ShoutCodec implements MessageCodec<String, String> {

  @Override
  public void encodeToWire(Buffer buffer, String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  @Override
  public String decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return buffer.getString(pos + 4, pos + 4 + length).toUpperCase();
  }

  @Override
  public String transform(String text) {
    return text.toUpperCase();
  }

  @Override
  public String name() {
    return "shout";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
