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

  private GenerationException(String originalClassName, String message) {
    super(message);
    this.originalClassName = originalClassName;
  }

  /** Copies {@code failure}, its causes and its suppressed throwables. */
  public static GenerationException detach(Throwable failure) {
    if (failure instanceof GenerationException detached) {
      return detached;
    }
    GenerationException copy =
        new GenerationException(failure.getClass().getName(), failure.getMessage());
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      copy.initCause(detach(cause));
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      copy.addSuppressed(detach(suppressed));
    }
    return copy;
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
