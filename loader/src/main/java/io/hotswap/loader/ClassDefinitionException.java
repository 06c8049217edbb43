package io.hotswap.loader;

import java.util.Objects;

/**
 * A snapshot class could not be defined or linked: a truncated or malformed class file, a failed
 * verification, or a missing superclass or interface.
 *
 * <p>Thrown by {@link GenerationClassLoader#defineAll()} before any code of the generation ran.
 * Immutable, so thread-safe.
 */
public final class ClassDefinitionException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String className;

  /**
   * @param className the binary name of the class that failed
   * @param cause what the JVM threw
   */
  public ClassDefinitionException(String className, LinkageError cause) {
    super(className + ": " + cause, Objects.requireNonNull(cause, "cause"));
    this.className = Objects.requireNonNull(className, "className");
  }

  /** The binary name of the class that failed. */
  public String className() {
    return className;
  }

  /** What the JVM threw. */
  @Override
  public synchronized LinkageError getCause() {
    return (LinkageError) super.getCause();
  }
}
