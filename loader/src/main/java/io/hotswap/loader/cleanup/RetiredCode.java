package io.hotswap.loader.cleanup;

import java.util.Collection;
import java.util.Map;

/**
 * The retired generation a cleaner works on: its label for logs and its loader, with the one
 * question every cleaner asks, "is this object or class its code?". Held only for the duration of
 * one cleanup or one leak inspection, never stored. Immutable; thread-safe.
 *
 * @param label the generation's label, {@code gen-<n>}
 * @param loader the retired generation's classloader
 */
public record RetiredCode(String label, ClassLoader loader) {

  /** Whether {@code type} was defined by the retired loader. */
  public boolean owns(Class<?> type) {
    return type != null && type.getClassLoader() == loader;
  }

  /** Whether {@code value}'s class was defined by the retired loader. */
  public boolean owns(Object value) {
    return value != null && owns(value.getClass());
  }

  /**
   * Whether {@code value} is of its code or is a host container (collection, map, array) holding
   * such a value directly. Tolerates containers changed concurrently by their owner.
   */
  public boolean ownsShallow(Object value) {
    if (owns(value)) {
      return true;
    }
    try {
      if (value instanceof Collection<?> collection) {
        return collection.stream().anyMatch(this::owns);
      }
      if (value instanceof Map<?, ?> map) {
        return map.entrySet().stream()
            .anyMatch(entry -> owns(entry.getKey()) || owns(entry.getValue()));
      }
      if (value instanceof Object[] array) {
        for (Object element : array) {
          if (owns(element)) {
            return true;
          }
        }
      }
    } catch (RuntimeException concurrentlyChanged) {
      return false;
    }
    return false;
  }
}
