package io.hotswap.internal.compat;

import io.hotswap.internal.cleanup.CodecMaps;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.util.Optional;

/**
 * The codec calls of the compat event bus ({@link BoundEventBus}): {@code registerCodec}, {@code
 * registerDefaultCodec} and their {@code unregister} counterparts, made so that version 2 of an
 * application can register the codec names version 1 registered while version 1 still drains. Each
 * name is one {@link SharedCodec} on the real bus with a part per generation; a default codec maps
 * the generation's body class (a class of its own loader, so never another generation's) to that
 * shared codec. A second registration of a name in one generation fails as in Vert.x. The cleanup
 * ({@code EventBusCodecCleaner}) drops a retired generation's parts and default classes.
 *
 * <p>Thread-safe: registrations are serialized on the class.
 */
final class GenerationCodecs {
  private GenerationCodecs() {}

  /** {@code registerCodec(codec)} by the generation whose loader is {@code owner}. */
  static synchronized void register(EventBus real, ClassLoader owner, MessageCodec<?, ?> codec) {
    Optional<CodecMaps> maps = CodecMaps.of(real);
    if (maps.isEmpty()) {
      real.registerCodec(codec);
      return;
    }
    shared(real, maps.get(), codec.name(), null).add(owner, codec);
  }

  /** {@code registerDefaultCodec(type, codec)} by the generation whose loader is {@code owner}. */
  static synchronized <T> void registerDefault(
      EventBus real, ClassLoader owner, Class<T> type, MessageCodec<T, ?> codec) {
    Optional<CodecMaps> maps = CodecMaps.of(real);
    if (maps.isEmpty()) {
      real.registerDefaultCodec(type, codec);
      return;
    }
    if (maps.get().byClass().containsKey(type)) {
      throw new IllegalStateException("Already a default codec registered for class " + type);
    }
    SharedCodec shared = shared(real, maps.get(), codec.name(), type);
    shared.add(owner, codec);
    maps.get().byClass().putIfAbsent(type, shared);
  }

  /** {@code unregisterCodec(name)} by the generation whose loader is {@code owner}. */
  static synchronized void unregister(EventBus real, ClassLoader owner, String name) {
    Optional<CodecMaps> maps = CodecMaps.of(real);
    if (maps.isEmpty()) {
      real.unregisterCodec(name);
      return;
    }
    if (maps.get().byName().get(name) instanceof SharedCodec shared) {
      maps.get()
          .byClass()
          .entrySet()
          .removeIf(
              entry -> entry.getValue() == shared && entry.getKey().getClassLoader() == owner);
      if (shared.release(owner)) {
        maps.get().byName().remove(name, shared);
      }
    }
  }

  /** {@code unregisterDefaultCodec(type)} by the generation whose loader is {@code owner}. */
  static synchronized void unregisterDefault(EventBus real, ClassLoader owner, Class<?> type) {
    Optional<CodecMaps> maps = CodecMaps.of(real);
    if (maps.isEmpty()) {
      real.unregisterDefaultCodec(type);
      return;
    }
    MessageCodec<?, ?> codec = maps.get().byClass().get(type);
    if (codec instanceof SharedCodec shared) {
      maps.get().byClass().remove(type, shared);
      unregister(real, owner, shared.name());
    } else if (codec != null) {
      real.unregisterDefaultCodec(type);
    }
  }

  /** The shared codec of {@code name}, registered now if no generation has it yet. */
  private static SharedCodec shared(EventBus real, CodecMaps maps, String name, Class<?> type) {
    MessageCodec<?, ?> existing = maps.byName().get(name);
    if (existing instanceof SharedCodec shared) {
      return shared;
    }
    if (existing != null) {
      throw new IllegalStateException("Already a codec registered with name " + name);
    }
    SharedCodec created = new SharedCodec(name);
    if (type == null) {
      real.registerCodec(created);
    } else {
      @SuppressWarnings("unchecked")
      Class<Object> body = (Class<Object>) type;
      real.registerDefaultCodec(body, created);
    }
    return created;
  }
}
