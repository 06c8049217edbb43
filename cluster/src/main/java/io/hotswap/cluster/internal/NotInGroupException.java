package io.hotswap.cluster.internal;

/**
 * No hotswap node of this roll group listens at a member's address: the member is of another group,
 * not a hotswap node, still starting, or a node that is stopping.
 */
final class NotInGroupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NotInGroupException(String message) {
    super(message, null, false, false);
  }
}
