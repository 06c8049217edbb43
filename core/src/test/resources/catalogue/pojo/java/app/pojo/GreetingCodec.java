package app.pojo;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/** The application's event-bus codec of {@link Greeting}: JSON on the wire, a copy locally. */
public class GreetingCodec implements MessageCodec<Greeting, Greeting> {

  @Override
  public void encodeToWire(Buffer buffer, Greeting greeting) {
    Buffer json = JsonObject.mapFrom(greeting).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public Greeting decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)).mapTo(Greeting.class);
  }

  @Override
  public Greeting transform(Greeting greeting) {
    return greeting.copy();
  }

  @Override
  public String name() {
    return "greeting";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
