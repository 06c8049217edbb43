package io.hotswap.cluster.internal;

/** A node left the cluster (or stopped answering) while a command to it was outstanding. */
final class NodeLeftException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NodeLeftException(String message) {
    super(message, null, false, false);
  }
}
