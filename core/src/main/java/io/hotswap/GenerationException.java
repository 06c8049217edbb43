package io.hotswap;

/**
 * Why a generation failed, detached from the generation: a copy of the original throwable's type
 * name, message and stack trace (and those of its causes and suppressed throwables). The original
 * may be an instance of a generation class, and any throwable's captured backtrace references the
 * classes on its stack; either would pin the failed generation's classloader for as long as a
 * caller keeps the {@link ReloadOutcome}.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class GenerationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String originalClassName;

  /**
   * A failure that reads as {@code originalClassName: message}; hotswap copies each failure of a
   * generation into one, with the original's stack trace, causes and suppressed throwables.
   */
  public GenerationException(String originalClassName, String message) {
    super(message);
    this.originalClassName = originalClassName;
  }

  /** The class name of the original throwable, e.g. {@code java.lang.VerifyError}. */
  public String originalClassName() {
    return originalClassName;
  }

  /** Reads like the original: {@code <original class>: <message>}. */
  @Override
  public String toString() {
    String message = getMessage();
    return message == null ? originalClassName : originalClassName + ": " + message;
  }

  /** The stack trace was copied from the original; there is nothing to fill in. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
