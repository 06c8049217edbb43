package io.hotswap.internal.cluster;

import io.hotswap.NodeOutcome.Step;
import io.hotswap.RollOptions.NodeLossPolicy;
import io.hotswap.RollOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The two-phase mode: every node loads, starts and checks the shipped snapshot and holds the
 * candidate ({@code prepare}); only when all are prepared do they all cut over at once ({@code
 * commit}). A node that fails to prepare aborts every held candidate, so no node ever served the
 * new snapshot. A node whose commit fails (other than by leaving) makes the committed ones roll
 * back.
 *
 * <p>Not thread-safe: one roll, on one context.
 */
final class TwoPhaseMode {

  Future<RollOutcome> run(Roll roll) {
    List<Future<Void>> prepares = new ArrayList<>();
    for (Participant node : roll.participants) {
      if (node.fromSnapshot.equals(roll.snapshot)) {
        node.step = Step.UNCHANGED;
      } else {
        prepares.add(prepare(roll, node));
      }
    }
    return Future.join(prepares).transform(all -> decide(roll));
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
                node.duration = java.time.Duration.ofNanos(System.nanoTime() - started);
              } else {
                node.reloaded(Step.FAILED, done.result(), started);
              }
              return Future.succeededFuture();
            });
  }

  private Future<RollOutcome> decide(Roll roll) {
    List<String> failed = new ArrayList<>();
    for (Participant node : roll.participants) {
      boolean lost = node.step == Step.LEFT;
      if (node.step == Step.FAILED
          || node.step == Step.REFUSED
          || (lost && roll.options.onNodeLoss() == NodeLossPolicy.ABORT)) {
        failed.add(node.name + " " + node.step + ": " + node.message);
      }
    }
    if (!failed.isEmpty()) {
      return all(roll, "abort", new JsonObject().put("reason", "roll " + roll.id + " aborted"))
          .map(
              done -> {
                roll.markDeparted();
                return roll.outcome(RollOutcome.Status.ABORTED, String.join("; ", failed));
              });
    }
    return all(roll, "commit", new JsonObject()).compose(done -> afterCommit(roll));
  }

  private Future<RollOutcome> afterCommit(Roll roll) {
    List<String> failed = new ArrayList<>();
    for (Participant node : roll.participants) {
      if (node.step == Step.FAILED || node.step == Step.REFUSED) {
        failed.add(node.name + " " + node.step + ": " + node.message);
      }
    }
    if (failed.isEmpty()) {
      roll.markDeparted();
      long moved = roll.participants.stream().filter(Participant::moved).count();
      return Future.succeededFuture(
          roll.outcome(RollOutcome.Status.COMPLETED, moved + " nodes cut over together"));
    }
    return RollingMode.rollBack(roll)
        .map(
            done -> {
              roll.markDeparted();
              return roll.outcome(RollOutcome.Status.ROLLED_BACK, String.join("; ", failed));
            });
  }

  /** Sends {@code op} to every prepared node at once and records the answers. */
  private Future<Void> all(Roll roll, String op, JsonObject fields) {
    List<Future<Void>> sent = new ArrayList<>();
    for (Participant node : roll.participants) {
      if (!node.prepared) {
        continue;
      }
      long started = System.nanoTime();
      sent.add(
          roll.step(node, op, fields.copy())
              .transform(
                  done -> {
                    if (done.failed()) {
                      node.failed(roll.classify(node, done.cause()), done.cause().getMessage());
                    } else if (op.equals("abort")) {
                      node.step = Step.ABORTED;
                    } else if ("ACTIVATED".equals(done.result().getString("status"))) {
                      node.step = Step.ACTIVATED;
                      node.toSnapshot = roll.snapshot;
                      node.duration = node.duration.plusNanos(System.nanoTime() - started);
                    } else {
                      node.reloaded(Step.FAILED, done.result(), started);
                    }
                    return Future.<Void>succeededFuture();
                  }));
    }
    return Future.join(sent).transform(done -> Future.succeededFuture());
  }
}
