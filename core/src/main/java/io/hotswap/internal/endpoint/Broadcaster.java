package io.hotswap.internal.endpoint;

import io.hotswap.api.Delivery;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Writes one message to every member of a {@link Group}: one task per lane that has members, run on
 * that lane's event loop, writing to each of its members there (no task or future per member on a
 * foreign loop). A lane that already has its bound of broadcast frames waiting skips this one: its
 * members are counted as dropped, so a fan-out faster than the machine can write sheds instead of
 * queueing without bound.
 *
 * <p>Thread-safe: a broadcast may start on any thread; each lane's members are written on the
 * lane's thread.
 */
final class Broadcaster {
  private final Lanes lanes;
  private final GatewayLoad load;
  private final AtomicInteger[] waiting;

  Broadcaster(Lanes lanes, GatewayLoad load) {
    this.lanes = lanes;
    this.load = load;
    this.waiting = new AtomicInteger[lanes.size()];
    for (int lane = 0; lane < waiting.length; lane++) {
      waiting[lane] = new AtomicInteger();
    }
  }

  /**
   * Sends to every member of {@code group}; completes, on the caller's context, once every lane
   * took its turn.
   *
   * @param payload the message's size in bytes, for the pending-bytes bounds
   * @param write writes the message to one member on its lane (after admission)
   */
  Future<Delivery> broadcast(
      Group group, long payload, Function<HostConnection, Future<Void>> write) {
    ContextInternal caller = (ContextInternal) Vertx.currentContext();
    Promise<Delivery> done = caller == null ? Promise.promise() : caller.promise();
    if (group.isEmpty()) {
      done.complete(Delivery.NONE);
      return done.future();
    }
    int lanesWithMembers = 0;
    for (int lane = 0; lane < group.lanes(); lane++) {
      if (group.lane(lane).length > 0) {
        lanesWithMembers++;
      }
    }
    Tally tally = new Tally(lanesWithMembers, done);
    for (int lane = 0; lane < group.lanes(); lane++) {
      HostConnection[] members = group.lane(lane);
      if (members.length == 0) {
        continue;
      }
      AtomicInteger queue = waiting[lane];
      int frames = members.length;
      int before = queue.getAndAdd(frames);
      if (before > 0 && before + frames > load.limits().maxQueuedFrames()) {
        queue.addAndGet(-frames);
        load.droppedUnoffered(frames);
        tally.add(0, frames, 0);
        continue;
      }
      lanes
          .loop(lane)
          .execute(
              () -> {
                try {
                  writeAll(members, payload, write, tally);
                } finally {
                  queue.addAndGet(-frames);
                }
              });
    }
    return done.future();
  }

  private static void writeAll(
      HostConnection[] members,
      long payload,
      Function<HostConnection, Future<Void>> write,
      Tally tally) {
    int reached = 0;
    int dropped = 0;
    int closed = 0;
    for (HostConnection member : members) {
      switch (member.offer(payload, write)) {
        case ADMITTED -> reached++;
        case DROPPED -> dropped++;
        case SLOW -> closed++;
        case NOT_OPEN -> {
          // left since the snapshot was taken: not a member any more
        }
      }
    }
    tally.add(reached, dropped, closed);
  }

  /** Adds up the lanes' counts; completes when the last lane reported. Thread-safe. */
  private static final class Tally {
    private final AtomicInteger lanesLeft;
    private final AtomicInteger reached = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final Promise<Delivery> done;

    Tally(int lanes, Promise<Delivery> done) {
      this.lanesLeft = new AtomicInteger(lanes);
      this.done = done;
    }

    void add(int reachedOnLane, int droppedOnLane, int closedOnLane) {
      reached.addAndGet(reachedOnLane);
      dropped.addAndGet(droppedOnLane);
      closed.addAndGet(closedOnLane);
      if (lanesLeft.decrementAndGet() == 0) {
        done.complete(new Delivery(reached.get(), dropped.get(), closed.get()));
      }
    }
  }
}
