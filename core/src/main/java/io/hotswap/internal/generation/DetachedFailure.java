package io.hotswap.internal.generation;

import io.hotswap.GenerationException;

/**
 * Detaches a generation's failure from the generation: a {@link GenerationException} copy of the
 * throwable's type name, message and stack trace, and of its causes and suppressed throwables, so
 * an outcome a caller keeps does not pin the failed generation's classloader. Stateless;
 * thread-safe.
 */
public final class DetachedFailure {
  private DetachedFailure() {}

  /** Copies {@code failure}, its causes and its suppressed throwables. */
  public static GenerationException of(Throwable failure) {
    if (failure instanceof GenerationException detached) {
      return detached;
    }
    GenerationException copy =
        new GenerationException(failure.getClass().getName(), failure.getMessage());
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      copy.initCause(of(cause));
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      copy.addSuppressed(of(suppressed));
    }
    return copy;
  }
}
