package io.hotswap.cluster.internal;

import io.hotswap.cluster.NodeOutcome.Step;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Moves the nodes of a stopped roll back to the snapshot each ran before, newest first: the nodes
 * that answered ACTIVATED, and the nodes whose answer was lost after a step that may have cut them
 * over (asked first what they run). Each node goes back from its own in-memory snapshot cache.
 *
 * <p>Not thread-safe: one roll, one future chain.
 */
final class RollBack {
  private RollBack() {}

  static Future<Void> run(Roll roll) {
    List<Participant> candidates = new ArrayList<>();
    for (Participant node : roll.participants) {
      if (node.mayServeNew && node.step != Step.LEFT) {
        candidates.add(node);
      }
    }
    Collections.reverse(candidates);
    Future<Void> chain = Future.succeededFuture();
    for (Participant node : candidates) {
      chain = chain.compose(ignored -> node.moved() ? back(roll, node) : checkThenBack(roll, node));
    }
    return chain;
  }

  /** A node whose last answer was lost: go back only if it does not run its old snapshot. */
  private static Future<Void> checkThenBack(Roll roll, Participant node) {
    return roll.command(node, "describe")
        .transform(
            described -> {
              if (described.failed()) {
                Step step = roll.classify(node, described.cause());
                node.failed(
                    step == Step.LEFT ? Step.LEFT : Step.ROLLBACK_FAILED,
                    node.message
                        + "; could not ask what it runs: "
                        + described.cause().getMessage());
                return Future.succeededFuture();
              }
              String now = described.result().getString("snapshotId", "");
              node.toSnapshot = now;
              if (now.equals(node.fromSnapshot)) {
                node.mayServeNew = false;
                return Future.succeededFuture();
              }
              return back(roll, node);
            });
  }

  private static Future<Void> back(Roll roll, Participant node) {
    if (node.fromSnapshot.isEmpty()) {
      node.failed(Step.ROLLBACK_FAILED, "it had no generation before the roll to go back to");
      return Future.succeededFuture();
    }
    return roll.step(node, "activate", new JsonObject().put("snapshot", node.fromSnapshot))
        .transform(
            done -> {
              if (done.succeeded()
                  && "ACTIVATED".equals(done.result().getString("status"))
                  && node.fromSnapshot.equals(done.result().getString("snapshotId"))) {
                String why =
                    node.step == Step.ACTIVATED ? "" : node.step + " (" + node.message + "), then ";
                node.step = Step.ROLLED_BACK;
                node.message = why.isEmpty() ? "" : why + "rolled back";
                node.toSnapshot = node.fromSnapshot;
                node.mayServeNew = false;
              } else {
                Step step =
                    done.failed() ? roll.classify(node, done.cause()) : Step.ROLLBACK_FAILED;
                node.failed(
                    step == Step.LEFT ? Step.LEFT : Step.ROLLBACK_FAILED,
                    "going back to "
                        + node.fromSnapshot
                        + " failed: "
                        + (done.failed()
                            ? done.cause().getMessage()
                            : java.util.Objects.requireNonNullElse(
                                done.result().getString("failure"), done.result().encode())));
              }
              return Future.succeededFuture();
            });
  }
}
