package io.hotswap.internal.cleanup;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two codec registries of a Vert.x 5 event bus ({@code CodecManager}'s codecs by name and
 * default codecs by body class), read by reflection: the public API cannot tell who registered a
 * codec, nor add a default codec under a name already taken, which sharing one codec name between
 * generations needs. Vert.x is a host library on the class path, so no {@code --add-opens} flag is
 * needed; when the fields are not there (another Vert.x version, a module layer that does not open
 * them) {@link #of} is empty and callers fall back to the public API.
 *
 * <p>The maps are Vert.x's own concurrent maps: thread-safe.
 *
 * @param byName codecs by name ({@code userCodecMap})
 * @param byClass default codecs by body class ({@code defaultCodecMap})
 */
public record CodecMaps(
    ConcurrentMap<String, MessageCodec<?, ?>> byName,
    ConcurrentMap<Class<?>, MessageCodec<?, ?>> byClass) {
  private static final Logger LOG = LoggerFactory.getLogger(CodecMaps.class);

  /** The registries of {@code bus}, if they can be read. */
  public static Optional<CodecMaps> of(EventBus bus) {
    try {
      Object manager = field(bus.getClass(), "codecManager").get(bus);
      @SuppressWarnings("unchecked")
      ConcurrentMap<String, MessageCodec<?, ?>> byName =
          (ConcurrentMap<String, MessageCodec<?, ?>>)
              field(manager.getClass(), "userCodecMap").get(manager);
      @SuppressWarnings("unchecked")
      ConcurrentMap<Class<?>, MessageCodec<?, ?>> byClass =
          (ConcurrentMap<Class<?>, MessageCodec<?, ?>>)
              field(manager.getClass(), "defaultCodecMap").get(manager);
      return Optional.of(new CodecMaps(byName, byClass));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug(
          "cannot read the codec registries of {}: {}", bus.getClass().getName(), e.toString());
      return Optional.empty();
    }
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException notHere) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(type.getName() + "." + name);
  }
}
