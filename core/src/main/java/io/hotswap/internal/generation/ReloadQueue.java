package io.hotswap.internal.generation;

import io.hotswap.ReloadOutcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Function;

/**
 * Serializes reloads and coalesces the triggers that arrive during one: at most one reload runs,
 * and every request that arrives meanwhile joins one follow-up reload, whose outcome they all get.
 *
 * <p>Thread-safe: {@link #submit} may be called from any thread.
 */
final class ReloadQueue {
  private final Function<ReloadRequest, Future<ReloadOutcome>> runner;
  private final Object lock = new Object();
  private boolean running;
  private Promise<ReloadOutcome> followUp;
  private ReloadRequest followUpRequest;

  /** {@code runner} runs one reload; its future must not fail (failures are outcomes). */
  ReloadQueue(Function<ReloadRequest, Future<ReloadOutcome>> runner) {
    this.runner = runner;
  }

  /** Runs a reload now, or joins the follow-up of the one that is running. */
  Future<ReloadOutcome> submit(ReloadRequest request) {
    synchronized (lock) {
      if (running) {
        if (followUp == null) {
          followUp = Promise.promise();
          followUpRequest = request;
        } else {
          followUpRequest = followUpRequest.merge(request);
        }
        return followUp.future();
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
    Promise<ReloadOutcome> waiting;
    ReloadRequest request;
    synchronized (lock) {
      if (followUp == null) {
        running = false;
        return;
      }
      waiting = followUp;
      request = followUpRequest;
      followUp = null;
      followUpRequest = null;
    }
    run(request).onComplete(waiting);
  }
}
