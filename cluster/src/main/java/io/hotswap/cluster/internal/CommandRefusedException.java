package io.hotswap.cluster.internal;

/**
 * A node refused a command or a reply: its authentication failed (another key, a stale or replayed
 * message, a message for another node), or it cannot take the command now. The message says why, in
 * words an operator can act on. Carries no stack trace: it is an answer, not a bug.
 */
final class CommandRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The event-bus failure code a node answers a refusal with. */
  static final int FAILURE_CODE = 403;

  CommandRefusedException(String message) {
    super(message, null, false, false);
  }
}
