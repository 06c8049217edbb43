package io.hotswap.cluster.internal;

/**
 * A node answered a command, authenticated, with an error: it could not do what was asked (a
 * malformed batch, a snapshot that did not verify, no held candidate). The message is the node's.
 */
final class NodeFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NodeFailureException(String message) {
    super(message, null, false, false);
  }
}
