package io.hotswap.internal.compat;

import io.hotswap.internal.cleanup.LoaderScoped;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host codec registered on the real event bus under a codec name that generations register
 * (compat mode, {@code eventBus().registerCodec(codec)}): in Vert.x a name is registered once, so
 * every generation's codec of that name is a part of this one. A body is encoded and copied by the
 * codec of the generation that defined the body's class, otherwise by the codec of the generation
 * whose context runs the call (its context classloader), otherwise by the newest; the name on the
 * wire is the application's, so clustered nodes interoperate. The cleanup drops a retired
 * generation's part ({@link LoaderScoped}); the last part gone, the name is unregistered.
 *
 * <p>Thread-safe: the parts are a copy-on-write list.
 */
final class SharedCodec implements MessageCodec<Object, Object>, LoaderScoped {
  /** One generation's codec of this name. */
  private record Part(ClassLoader owner, MessageCodec<Object, Object> codec) {}

  private final String name;
  private final List<Part> parts = new CopyOnWriteArrayList<>();

  SharedCodec(String name) {
    this.name = name;
  }

  /**
   * Adds {@code codec} for the generation of {@code owner}.
   *
   * @throws IllegalStateException when that generation already registered a codec of this name, as
   *     Vert.x does for a second registration
   */
  @SuppressWarnings("unchecked")
  synchronized void add(ClassLoader owner, MessageCodec<?, ?> codec) {
    if (holds(owner)) {
      throw new IllegalStateException("Already a codec registered with name " + name);
    }
    parts.add(new Part(owner, (MessageCodec<Object, Object>) codec));
  }

  @Override
  public synchronized boolean release(ClassLoader loader) {
    parts.removeIf(
        part -> part.owner() == loader || part.codec().getClass().getClassLoader() == loader);
    return parts.isEmpty();
  }

  @Override
  public boolean holds(ClassLoader loader) {
    for (Part part : parts) {
      if (part.owner() == loader || part.codec().getClass().getClassLoader() == loader) {
        return true;
      }
    }
    return false;
  }

  private MessageCodec<Object, Object> forBody(Object body) {
    if (body != null) {
      ClassLoader defining = body.getClass().getClassLoader();
      for (Part part : parts) {
        if (part.owner() == defining) {
          return part.codec();
        }
      }
    }
    return current();
  }

  private MessageCodec<Object, Object> current() {
    ClassLoader running = Thread.currentThread().getContextClassLoader();
    MessageCodec<Object, Object> newest = null;
    for (Part part : parts) {
      if (part.owner() == running) {
        return part.codec();
      }
      newest = part.codec();
    }
    if (newest == null) {
      throw new IllegalStateException("the codec '" + name + "' is no longer registered");
    }
    return newest;
  }

  @Override
  public void encodeToWire(Buffer buffer, Object body) {
    forBody(body).encodeToWire(buffer, body);
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    return current().decodeFromWire(pos, buffer);
  }

  @Override
  public Object transform(Object body) {
    return forBody(body).transform(body);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  @Override
  public String toString() {
    return "codec '" + name + "' shared by " + parts.size() + " generation(s)";
  }
}
