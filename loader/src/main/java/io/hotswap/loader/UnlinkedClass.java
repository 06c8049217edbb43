package io.hotswap.loader;

import java.util.Objects;

/**
 * A snapshot class that could not be linked because a class it needs is absent, and that nothing
 * reachable from the generation's entry points uses, so the generation runs without it (as a
 * classpath does: the JVM links lazily). Using it later fails where it is used, with the JVM's own
 * error. A value.
 *
 * @param className the binary name of the class
 * @param cause what the JVM threw, e.g. {@code java.lang.NoClassDefFoundError: com/acme/Optional}
 */
public record UnlinkedClass(String className, String cause) {
  /** Checks the fields. */
  public UnlinkedClass {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(cause, "cause");
  }

  /** One line for logs and status: the class, what is missing, and why it did not matter. */
  public String describe() {
    return className
        + " not linked ("
        + cause
        + "); nothing reachable from the entry points uses it";
  }
}
