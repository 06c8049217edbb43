package io.hotswap.cluster.internal;

import io.hotswap.cluster.ClusterOptions;
import io.hotswap.cluster.NodeOutcome.Step;
import io.hotswap.cluster.RollOptions;
import io.hotswap.cluster.RollOutcome;
import io.hotswap.internal.spi.LocalNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a cluster-wide reload from the node where it was asked for: takes the group's cluster-wide
 * lock (one roll at a time), snapshots this node's code source, finds the nodes of the group, ships
 * the snapshot to each of them, then hands over to {@link RollingMode} or {@link TwoPhaseMode}.
 * Never fails: every problem is a {@link RollOutcome}.
 *
 * <p>Design notes: shipping finishes on every node before any node reloads, so a node that cannot
 * receive the code stops the roll while nothing has moved. Roll order is this node first (if its
 * own code fails, nothing else is touched), then the others by name.
 *
 * <p>Thread-safe: each roll runs on its own futures; the lock serializes rolls cluster-wide.
 */
final class RollCoordinator {
  private static final Logger LOG = LoggerFactory.getLogger(RollCoordinator.class);
  private static final long LOCK_WAIT_MS = 500;

  private final Vertx vertx;
  private final LocalNode local;
  private final NodeClient client;
  private final ClusterDirectory directory;
  private final ClusterOptions options;
  private final EntryDigests digests;

  RollCoordinator(
      Vertx vertx,
      LocalNode local,
      NodeClient client,
      ClusterDirectory directory,
      ClusterOptions options,
      EntryDigests digests) {
    this.vertx = vertx;
    this.local = local;
    this.client = client;
    this.directory = directory;
    this.options = options;
    this.digests = digests;
  }

  Future<RollOutcome> roll(RollOptions rollOptions) {
    long began = System.nanoTime();
    String id = UUID.randomUUID().toString().substring(0, 8);
    return vertx
        .sharedData()
        .getLockWithTimeout("hotswap.roll." + options.group(), LOCK_WAIT_MS)
        .transform(
            locked -> {
              if (locked.failed()) {
                return Future.succeededFuture(
                    Roll.refused(
                        id,
                        rollOptions,
                        "cannot take the roll lock of group '"
                            + options.group()
                            + "' within "
                            + LOCK_WAIT_MS
                            + " ms (another roll is running?): "
                            + locked.cause().getMessage(),
                        began));
              }
              Lock lock = locked.result();
              MembershipWatch watch = directory.watch();
              return rollLocked(id, rollOptions, watch, began)
                  .recover(
                      bug -> {
                        // Every caller gets an outcome, even if the roll itself is broken.
                        LOG.error(
                            "{}: roll {} failed inside the coordinator", local.name(), id, bug);
                        return Future.succeededFuture(
                            Roll.refused(id, rollOptions, "the roll failed: " + bug, began));
                      })
                  .andThen(
                      done -> {
                        watch.close();
                        lock.release();
                        RollOutcome outcome = done.result();
                        LOG.info("{}: {}", local.name(), outcome.describe());
                      });
            });
  }

  private Future<RollOutcome> rollLocked(
      String id, RollOptions rollOptions, MembershipWatch watch, long began) {
    LOG.info("{}: roll {} ({}) begins", local.name(), id, rollOptions.mode());
    return local
        .snapshotCodeSource()
        .compose(
            snapshot -> {
              local.keep(snapshot);
              return vertx.executeBlocking(
                  () -> new SnapshotShipper(snapshot, digests.of(snapshot)));
            })
        .transform(
            shipper -> {
              if (shipper.failed()) {
                return Future.succeededFuture(
                    Roll.refused(
                        id,
                        rollOptions,
                        "cannot snapshot the code source: " + shipper.cause(),
                        began));
              }
              return directory
                  .describeAll(watch)
                  .compose(found -> start(id, rollOptions, watch, began, shipper.result(), found));
            });
  }

  private Future<RollOutcome> start(
      String id,
      RollOptions rollOptions,
      MembershipWatch watch,
      long began,
      SnapshotShipper shipper,
      ClusterDirectory.Found found) {
    if (!found.refused().isEmpty()) {
      return Future.succeededFuture(
          Roll.refused(
              id, rollOptions, "nodes refuse this node's commands: " + found.refused(), began));
    }
    if (!found.unanswered().isEmpty()) {
      return Future.succeededFuture(
          Roll.refused(
              id,
              rollOptions,
              "members did not say what they run, so no roll: " + found.unanswered(),
              began));
    }
    List<Participant> participants = new ArrayList<>();
    for (JsonObject described : found.nodes()) {
      participants.add(new Participant(described));
    }
    participants.sort(
        Comparator.comparing((Participant node) -> !node.nodeId.equals(client.self()))
            .thenComparing(node -> node.name)
            .thenComparing(node -> node.nodeId));
    Roll roll = new Roll(id, shipper.snapshotId(), rollOptions, participants, watch, client, began);
    return ship(roll, shipper)
        .compose(
            shipped -> {
              if (!shipped) {
                roll.markDeparted();
                return Future.succeededFuture(
                    roll.outcome(
                        RollOutcome.Status.ABORTED,
                        "shipping the snapshot failed; no node was reloaded"));
              }
              return rollOptions.mode() == RollOptions.Mode.ROLLING
                  ? new RollingMode(vertx).run(roll)
                  : new TwoPhaseMode().run(roll);
            });
  }

  /** Ships to every node at once; completes with whether all (still in the cluster) have it. */
  private Future<Boolean> ship(Roll roll, SnapshotShipper shipper) {
    List<Future<Void>> all = new ArrayList<>();
    for (Participant node : roll.participants) {
      if (node.nodeId.equals(client.self())) {
        continue; // this node kept the snapshot when it took it
      }
      all.add(
          shipper
              .ship(roll, node)
              .transform(
                  done -> {
                    if (done.failed()) {
                      node.failed(
                          roll.classify(node, done.cause()),
                          "receiving the snapshot failed: " + done.cause().getMessage());
                    } else {
                      LOG.info(
                          "{}: roll {}: {} has snapshot {} ({} entries sent)",
                          local.name(),
                          roll.id,
                          node.name,
                          roll.snapshot,
                          done.result());
                    }
                    return Future.<Void>succeededFuture();
                  }));
    }
    return Future.join(all)
        .transform(
            done -> {
              boolean ok = true;
              for (Participant node : roll.participants) {
                boolean toleratedLoss =
                    node.step == Step.LEFT
                        && roll.options.onNodeLoss() == RollOptions.NodeLossPolicy.CONTINUE;
                if (node.step != Step.NOT_REACHED && !toleratedLoss) {
                  ok = false;
                }
              }
              return Future.succeededFuture(ok);
            });
  }
}
