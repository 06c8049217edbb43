package io.hotswap.internal.generation;

import io.hotswap.ReloadOutcome;
import io.hotswap.internal.spi.CutoverGate;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * Serializes reloads and coalesces the triggers that arrive during one: at most one reload runs,
 * and every request that arrives meanwhile joins one follow-up reload, whose outcome they all get.
 * A request that must not be coalesced (a cluster roll step, which carries a {@link CutoverGate})
 * waits in line on its own, in arrival order.
 *
 * <p>Thread-safe: {@link #submit} may be called from any thread.
 */
final class ReloadQueue {
  private final Function<ReloadRequest, Future<ReloadOutcome>> runner;
  private final Object lock = new Object();
  private final Deque<Waiting> waiting = new ArrayDeque<>();
  private boolean running;

  /** A request that waits for the running reload, and the promise its callers hold. */
  private static final class Waiting {
    private final Promise<ReloadOutcome> outcome = Promise.promise();
    private ReloadRequest request;

    private Waiting(ReloadRequest request) {
      this.request = request;
    }
  }

  /** {@code runner} runs one reload; its future must not fail (failures are outcomes). */
  ReloadQueue(Function<ReloadRequest, Future<ReloadOutcome>> runner) {
    this.runner = runner;
  }

  /** Runs a reload now, joins the waiting follow-up, or waits in line when it cannot join. */
  Future<ReloadOutcome> submit(ReloadRequest request) {
    synchronized (lock) {
      if (running) {
        Waiting last = waiting.peekLast();
        if (last != null && last.request.mergeable() && request.mergeable()) {
          last.request = last.request.merge(request);
          return last.outcome.future();
        }
        Waiting next = new Waiting(request);
        waiting.addLast(next);
        return next.outcome.future();
      }
      running = true;
    }
    return run(request);
  }

  private Future<ReloadOutcome> run(ReloadRequest request) {
    Future<ReloadOutcome> outcome = runner.apply(request);
    outcome.onComplete(done -> next());
    return outcome;
  }

  private void next() {
    Waiting next;
    synchronized (lock) {
      next = waiting.pollFirst();
      if (next == null) {
        running = false;
        return;
      }
    }
    run(next.request).onComplete(next.outcome);
  }
}
