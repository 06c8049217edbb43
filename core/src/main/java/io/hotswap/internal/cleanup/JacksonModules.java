package io.hotswap.internal.cleanup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.DeserializerFactoryConfig;
import com.fasterxml.jackson.databind.cfg.SerializerFactoryConfig;
import com.fasterxml.jackson.databind.deser.BasicDeserializerFactory;
import com.fasterxml.jackson.databind.ser.BasicSerializerFactory;
import io.hotswap.loader.cleanup.RetiredCode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what a retired generation added to a Jackson mapper's factories through {@code
 * registerModule} (custom serializers, deserializers, key (de)serializers, modifiers, type
 * resolvers, value instantiators): Jackson has no way to unregister a module, so these cannot be
 * cleaned, only named in a LEAKED text. An addition is the generation's when its class is, or when
 * one of its fields holds an object of the generation's classes directly (a {@code SimpleModule}'s
 * serializer map).
 *
 * <p>Stateless; thread-safe (it only reads).
 */
final class JacksonModules {
  private JacksonModules() {}

  /** The kinds of additions of {@code code} registered on {@code mapper}, e.g. "serializers". */
  static List<String> of(ObjectMapper mapper, RetiredCode code) {
    List<String> found = new ArrayList<>();
    if (mapper.getSerializerFactory() instanceof BasicSerializerFactory serializers) {
      SerializerFactoryConfig config = serializers.getFactoryConfig();
      check("serializers", config.serializers(), code, found);
      check("key serializers", config.keySerializers(), code, found);
      check("serializer modifiers", config.serializerModifiers(), code, found);
    }
    if (mapper.getDeserializationContext().getFactory()
        instanceof BasicDeserializerFactory deserializers) {
      DeserializerFactoryConfig config = deserializers.getFactoryConfig();
      check("deserializers", config.deserializers(), code, found);
      check("key deserializers", config.keyDeserializers(), code, found);
      check("deserializer modifiers", config.deserializerModifiers(), code, found);
      check("abstract type resolvers", config.abstractTypeResolvers(), code, found);
      check("value instantiators", config.valueInstantiators(), code, found);
    }
    return found;
  }

  private static void check(
      String kind, Iterable<?> additions, RetiredCode code, List<String> found) {
    for (Object addition : additions) {
      if (code.owns(addition) || holdsDirectly(addition, code)) {
        found.add(kind);
        return;
      }
    }
  }

  private static boolean holdsDirectly(Object addition, RetiredCode code) {
    for (Class<?> type = addition.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
          continue;
        }
        try {
          field.setAccessible(true);
          if (code.ownsShallow(field.get(addition))) {
            return true;
          }
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
          // a field Jackson does not let us read: not ours to judge
        }
      }
    }
    return false;
  }
}
