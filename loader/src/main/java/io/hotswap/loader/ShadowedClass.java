package io.hotswap.loader;

import java.util.Objects;

/**
 * A snapshot class that the host classpath also has, and what that means for reloading it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param className the binary name of the class
 * @param kind whether the host's copy wins or the generation's
 */
public record ShadowedClass(String className, Kind kind) {

  /** Validates that both components are present. */
  public ShadowedClass {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(kind, "kind");
  }

  /** How a shadowed class behaves. */
  public enum Kind {
    /**
     * In a parent-first package and the parent has it: the host's copy is used, it never reloads.
     */
    SERVED_BY_HOST,
    /** Child-first, but the host classpath has it too: host code sees another class. */
    ALSO_ON_HOST
  }
}
