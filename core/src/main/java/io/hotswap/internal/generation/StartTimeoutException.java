package io.hotswap.internal.generation;

import java.util.concurrent.TimeoutException;

/** A generation's entry did not finish starting within the start timeout. Immutable. */
final class StartTimeoutException extends TimeoutException {
  private static final long serialVersionUID = 1L;

  StartTimeoutException(String message) {
    super(message);
  }
}
