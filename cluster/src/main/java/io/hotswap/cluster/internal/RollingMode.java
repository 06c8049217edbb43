package io.hotswap.cluster.internal;

import io.hotswap.cluster.NodeOutcome.Step;
import io.hotswap.cluster.RollOptions.NodeLossPolicy;
import io.hotswap.cluster.RollOutcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The rolling mode: one node after the other reloads the shipped snapshot; the next starts only
 * once the previous one answered ACTIVATED (it passed its checks and cut over) and, after the
 * settle time, still runs the new snapshot in state ACTIVE. The first node that fails stops the
 * roll, and the nodes that moved go back to the snapshot they ran before ({@link RollBack}).
 *
 * <p>Not thread-safe: one roll, on one context.
 */
final class RollingMode {
  private final Vertx vertx;

  RollingMode(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<RollOutcome> run(Roll roll) {
    return next(roll, 0);
  }

  private Future<RollOutcome> next(Roll roll, int index) {
    if (roll.options.onNodeLoss() == NodeLossPolicy.ABORT) {
      roll.markDeparted();
      if (roll.anyLeft()) {
        return stop(roll, "a node left the cluster and the node-loss policy is ABORT");
      }
    }
    if (index == roll.participants.size()) {
      roll.markDeparted();
      return Future.succeededFuture(
          roll.outcome(RollOutcome.Status.COMPLETED, roll.summary("reloaded")));
    }
    Participant node = roll.participants.get(index);
    if (!roll.watch.isMember(node.nodeId)) {
      node.failed(Step.LEFT, "left the cluster before its turn");
      return next(roll, index + 1);
    }
    if (node.fromSnapshot.equals(roll.snapshot)) {
      node.step = Step.UNCHANGED;
      return next(roll, index + 1);
    }
    long started = System.nanoTime();
    node.mayServeNew = true;
    return roll.step(node, "activate", new JsonObject().put("snapshot", roll.snapshot))
        .transform(
            done -> {
              if (done.failed()) {
                node.failed(roll.classify(node, done.cause()), done.cause().getMessage());
                node.mayServeNew = !Roll.definite(done.cause());
                return afterFailure(roll, node, index);
              }
              JsonObject outcome = done.result();
              boolean activated = "ACTIVATED".equals(outcome.getString("status"));
              if (!activated || !roll.onRollSnapshot(outcome)) {
                node.reloaded(Step.FAILED, outcome, started);
                if (activated) {
                  // It cut over to something else; the roll back puts its old snapshot back.
                  node.message =
                      "activated snapshot " + outcome.getString("snapshotId") + " instead";
                } else {
                  node.mayServeNew = false;
                }
                return stop(roll, node.name + " failed to reload: " + node.message);
              }
              node.reloaded(Step.ACTIVATED, outcome, started);
              node.toSnapshot = roll.snapshot;
              return settle(roll, node)
                  .compose(ok -> next(roll, index + 1), failed -> afterFailure(roll, node, index));
            });
  }

  /** A node that left under CONTINUE is skipped; any other failure stops the roll. */
  private Future<RollOutcome> afterFailure(Roll roll, Participant node, int index) {
    if (node.step == Step.LEFT && roll.options.onNodeLoss() == NodeLossPolicy.CONTINUE) {
      return next(roll, index + 1);
    }
    return stop(roll, node.name + " " + node.step + ": " + node.message);
  }

  /**
   * Waits the settle time, then checks the node still runs the new snapshot, ACTIVE (its
   * auto-rollback may have moved it back meanwhile).
   */
  private Future<Void> settle(Roll roll, Participant node) {
    Promise<Void> waited = Promise.promise();
    long settle = roll.options.settle().toMillis();
    if (settle == 0) {
      waited.complete();
    } else {
      vertx.setTimer(settle, fired -> waited.complete());
    }
    return waited
        .future()
        .compose(ok -> roll.command(node, "describe"))
        .transform(
            described -> {
              if (described.failed()) {
                node.failed(roll.classify(node, described.cause()), described.cause().getMessage());
                return Future.failedFuture(described.cause());
              }
              JsonObject now = described.result();
              if (roll.snapshot.equals(now.getString("snapshotId"))
                  && "ACTIVE".equals(now.getString("state"))) {
                return Future.succeededFuture();
              }
              node.step = Step.FAILED;
              node.toSnapshot = now.getString("snapshotId", "");
              node.message =
                  "runs snapshot "
                      + node.toSnapshot
                      + " ("
                      + now.getString("state")
                      + ") after the settle time: it rolled back by itself";
              return Future.failedFuture(node.message);
            });
  }

  private Future<RollOutcome> stop(Roll roll, String reason) {
    return RollBack.run(roll)
        .map(
            done -> {
              roll.markDeparted();
              return roll.outcome(RollOutcome.Status.ROLLED_BACK, reason);
            });
  }
}
