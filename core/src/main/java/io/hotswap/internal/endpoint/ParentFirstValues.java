package io.hotswap.internal.endpoint;

import io.hotswap.loader.GenerationClassLoader;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;

/**
 * Checks that a value business code hands to the host for keeping (a connection attribute) is of a
 * parent-first value type, and copies it so the host never keeps a generation object: a kept
 * generation object would pin its generation's classloader after retirement.
 *
 * <p>Stateless and thread-safe.
 */
public final class ParentFirstValues {
  private static final Set<Class<?>> IMMUTABLE =
      Set.of(
          String.class,
          Boolean.class,
          Character.class,
          Byte.class,
          Short.class,
          Integer.class,
          Long.class,
          Float.class,
          Double.class,
          BigInteger.class,
          BigDecimal.class);

  private ParentFirstValues() {}

  /**
   * Returns a host-safe copy of {@code value}.
   *
   * @throws IllegalArgumentException when the value is not a parent-first value type
   */
  static Object copyOf(String key, Object value) {
    return copyOf("connection attribute", key, value);
  }

  /**
   * Returns a host-safe copy of {@code value}, {@code what} naming it in errors ("state value").
   *
   * @throws IllegalArgumentException when the value is not a parent-first value type
   */
  public static Object copyOf(String what, String key, Object value) {
    Class<?> type = value.getClass();
    if (IMMUTABLE.contains(type)) {
      return value;
    }
    if (type.getClassLoader() instanceof GenerationClassLoader) {
      throw refused(what, key, type);
    }
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    try {
      // Re-encoding keeps only JSON types: a copy() would keep enums, Shareables and Number
      // subclasses, which may be generation classes.
      if (value instanceof JsonObject json) {
        return new JsonObject(json.toBuffer());
      }
      if (value instanceof JsonArray json) {
        return new JsonArray(json.toBuffer());
      }
    } catch (RuntimeException notJson) {
      throw new IllegalArgumentException(
          what + " '" + key + "' holds a value that is not plain JSON: " + notJson, notJson);
    }
    if (value instanceof Buffer buffer) {
      return buffer.copy();
    }
    throw refused(what, key, type);
  }

  private static IllegalArgumentException refused(String what, String key, Class<?> type) {
    return new IllegalArgumentException(
        what
            + " '"
            + key
            + "' is a "
            + type.getName()
            + ": the host keeps only parent-first values (String, boxed primitives, BigInteger,"
            + " BigDecimal, byte[], JsonObject, JsonArray, Buffer), so that no generation object outlives"
            + " its generation");
  }
}
