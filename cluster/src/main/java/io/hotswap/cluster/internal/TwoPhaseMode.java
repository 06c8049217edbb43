package io.hotswap.cluster.internal;

import io.hotswap.cluster.NodeOutcome.Step;
import io.hotswap.cluster.RollOptions.NodeLossPolicy;
import io.hotswap.cluster.RollOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The two-phase mode: every node loads, starts and checks the shipped snapshot and holds the
 * candidate ({@code prepare}); only when all are prepared do they all cut over at once ({@code
 * commit}). A node that fails to prepare (or leaves, under {@link NodeLossPolicy#ABORT}) aborts
 * every held candidate, so no node ever served the new snapshot. A node whose commit fails makes
 * the committed ones roll back.
 *
 * <p>Not thread-safe: one roll; the per-node futures touch their own participant only.
 */
final class TwoPhaseMode {

  Future<RollOutcome> run(Roll roll) {
    List<Participant> asked = new ArrayList<>();
    List<Future<Void>> prepares = new ArrayList<>();
    for (Participant node : roll.participants) {
      if (node.step == Step.LEFT) {
        continue;
      }
      if (node.fromSnapshot.equals(roll.snapshot)) {
        node.step = Step.UNCHANGED;
      } else {
        asked.add(node);
        prepares.add(prepare(roll, node));
      }
    }
    return Future.join(prepares).transform(all -> decide(roll, asked));
  }

  private Future<Void> prepare(Roll roll, Participant node) {
    long started = System.nanoTime();
    return roll.step(node, "prepare", new JsonObject().put("snapshot", roll.snapshot))
        .transform(
            done -> {
              if (done.failed()) {
                node.failed(roll.classify(node, done.cause()), done.cause().getMessage());
              } else if ("PREPARED".equals(done.result().getString("status"))) {
                node.prepared = true;
                node.generation = done.result().getLong("generation", 0L);
                node.duration = Duration.ofNanos(System.nanoTime() - started);
                if (!roll.onRollSnapshot(done.result())) {
                  node.failed(
                      Step.FAILED,
                      "prepared snapshot " + done.result().getString("snapshotId") + " instead");
                }
              } else {
                node.reloaded(Step.FAILED, done.result(), started);
              }
              return Future.succeededFuture();
            });
  }

  private Future<RollOutcome> decide(Roll roll, List<Participant> asked) {
    roll.markDeparted();
    List<String> failed = failures(roll);
    if (!failed.isEmpty()) {
      return abortAll(roll, asked)
          .map(
              done -> {
                roll.markDeparted();
                return roll.outcome(RollOutcome.Status.ABORTED, String.join("; ", failed));
              });
    }
    return commitAll(roll).compose(done -> afterCommit(roll));
  }

  private Future<RollOutcome> afterCommit(Roll roll) {
    roll.markDeparted();
    List<String> failed = failures(roll);
    if (failed.isEmpty()) {
      return Future.succeededFuture(
          roll.outcome(RollOutcome.Status.COMPLETED, roll.summary("cut over together")));
    }
    return RollBack.run(roll)
        .map(
            done -> {
              roll.markDeparted();
              return roll.outcome(RollOutcome.Status.ROLLED_BACK, String.join("; ", failed));
            });
  }

  /** What stops the roll: a failed or refusing node, or one that left under ABORT. */
  private static List<String> failures(Roll roll) {
    List<String> failed = new ArrayList<>();
    for (Participant node : roll.participants) {
      boolean lost = node.step == Step.LEFT;
      if (node.step == Step.FAILED
          || node.step == Step.REFUSED
          || (lost && roll.options.onNodeLoss() == NodeLossPolicy.ABORT)) {
        failed.add(node.name + " " + node.step + ": " + node.message);
      }
    }
    return failed;
  }

  /**
   * Aborts at every node that was asked to prepare (an answer may have been lost); only the
   * prepared ones' steps change.
   */
  private Future<Void> abortAll(Roll roll, List<Participant> asked) {
    List<Future<Void>> sent = new ArrayList<>();
    JsonObject abort = new JsonObject().put("reason", "roll " + roll.id + " aborted");
    for (Participant node : asked) {
      sent.add(
          roll.step(node, "abort", abort.copy())
              .transform(
                  done -> {
                    if (node.prepared && node.step == Step.NOT_REACHED) {
                      node.step = Step.ABORTED;
                    }
                    return Future.<Void>succeededFuture();
                  }));
    }
    return Future.join(sent).transform(done -> Future.succeededFuture());
  }

  /** Commits at every prepared node at once and records the answers. */
  private Future<Void> commitAll(Roll roll) {
    List<Future<Void>> sent = new ArrayList<>();
    for (Participant node : roll.participants) {
      if (!node.prepared) {
        continue;
      }
      long started = System.nanoTime();
      node.mayServeNew = true;
      sent.add(
          roll.step(node, "commit", new JsonObject())
              .transform(
                  done -> {
                    if (done.failed()) {
                      node.failed(roll.classify(node, done.cause()), done.cause().getMessage());
                      node.mayServeNew = !Roll.definite(done.cause());
                    } else if ("ACTIVATED".equals(done.result().getString("status"))
                        && roll.onRollSnapshot(done.result())) {
                      node.step = Step.ACTIVATED;
                      node.toSnapshot = roll.snapshot;
                      node.duration = node.duration.plusNanos(System.nanoTime() - started);
                    } else {
                      node.reloaded(Step.FAILED, done.result(), started);
                      node.mayServeNew = false;
                    }
                    return Future.<Void>succeededFuture();
                  }));
    }
    return Future.join(sent).transform(done -> Future.succeededFuture());
  }
}
