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
  private final Function<String, Future<ReloadOutcome>> runner;
  private final Object lock = new Object();
  private boolean running;
  private Promise<ReloadOutcome> followUp;
  private String followUpTrigger;

  /** {@code runner} runs one reload; its future must not fail (failures are outcomes). */
  ReloadQueue(Function<String, Future<ReloadOutcome>> runner) {
    this.runner = runner;
  }

  /** Runs a reload now, or joins the follow-up of the one that is running. */
  Future<ReloadOutcome> submit(String trigger) {
    synchronized (lock) {
      if (running) {
        if (followUp == null) {
          followUp = Promise.promise();
          followUpTrigger = trigger;
        }
        return followUp.future();
      }
      running = true;
    }
    return run(trigger);
  }

  private Future<ReloadOutcome> run(String trigger) {
    Future<ReloadOutcome> outcome = runner.apply(trigger);
    outcome.onComplete(done -> next());
    return outcome;
  }

  private void next() {
    Promise<ReloadOutcome> waiting;
    String trigger;
    synchronized (lock) {
      if (followUp == null) {
        running = false;
        return;
      }
      waiting = followUp;
      trigger = followUpTrigger;
      followUp = null;
      followUpTrigger = null;
    }
    run(trigger).onComplete(waiting);
  }
}
