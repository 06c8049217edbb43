package io.hotswap.cluster.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the node that runs a roll when another node leaves the cluster, by polling the cluster
 * manager's member list (local to this node, cheap) every {@link #PERIOD_MS} ms while the roll
 * runs. Polling rather than a node listener: Vert.x already owns the cluster manager's single
 * {@code nodeListener} slot, and replacing it would break the clustered event bus.
 *
 * <p>Thread-safe. Open for the duration of one roll; {@link #close()} stops the timer.
 */
final class MembershipWatch implements AutoCloseable {
  static final long PERIOD_MS = 100;

  private final Vertx vertx;
  private final ClusterManager clusterManager;
  private final Map<String, Promise<Void>> waiting = new ConcurrentHashMap<>();
  private final long timer;

  MembershipWatch(Vertx vertx, ClusterManager clusterManager) {
    this.vertx = vertx;
    this.clusterManager = clusterManager;
    this.timer = vertx.setPeriodic(PERIOD_MS, tick -> poll());
  }

  /** Completes when {@code nodeId} is no longer a member (at once if it already is not). */
  Future<Void> left(String nodeId) {
    Promise<Void> promise = waiting.computeIfAbsent(nodeId, id -> Promise.promise());
    if (!members().contains(nodeId)) {
      promise.tryComplete();
    }
    return promise.future();
  }

  /** Whether {@code nodeId} is a member now. */
  boolean isMember(String nodeId) {
    return members().contains(nodeId);
  }

  /** The members now. */
  Set<String> members() {
    return new HashSet<>(clusterManager.getNodes());
  }

  private void poll() {
    Set<String> members;
    try {
      members = members();
    } catch (RuntimeException e) {
      return; // the cluster manager is shutting down; the roll's own timeouts still apply
    }
    waiting.forEach(
        (node, promise) -> {
          if (!members.contains(node)) {
            promise.tryComplete();
          }
        });
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
  }
}
