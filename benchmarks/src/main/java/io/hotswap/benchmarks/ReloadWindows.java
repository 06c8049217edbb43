package io.hotswap.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A fixed-rate run with a reload every interval, the first half an interval in: the run, each
 * reload's window (trigger → cutover + the window's tail) and each reload's total time, as the
 * server reported it. The load harness measures its reload windows, and its warm-up reloads,
 * through it.
 *
 * @param run the fixed-rate run, every request's latency from its intended send time
 * @param windows one per reload, in client {@code System.nanoTime()}
 * @param totals each reload's {@code totalNanos}
 */
record ReloadWindows(FixedRateRun run, List<FixedRateRun.Window> windows, List<Long> totals) {

  /**
   * Loads {@code load} at {@code rate} requests/s for {@code runNanos}, calling {@code reload}
   * (which returns once the reload is serving) every {@code intervalNanos}; a window lasts {@code
   * windowAfterNanos} past the cutover.
   */
  static ReloadWindows measure(
      LoadClient load,
      int rate,
      long intervalNanos,
      long windowAfterNanos,
      long runNanos,
      Supplier<JsonObject> reload)
      throws InterruptedException {
    long began = System.nanoTime();
    Future<FixedRateRun> running = load.fixedRate(rate, runNanos / 1_000_000);
    List<FixedRateRun.Window> windows = new ArrayList<>();
    List<Long> totals = new ArrayList<>();
    long next = began + intervalNanos / 2;
    while (next + intervalNanos < began + runNanos) {
      TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
      long trigger = System.nanoTime();
      JsonObject outcome = reload.get();
      long served = System.nanoTime();
      windows.add(new FixedRateRun.Window(trigger, served + windowAfterNanos));
      totals.add(outcome.getLong("totalNanos"));
      next += intervalNanos;
    }
    return new ReloadWindows(LoadHarness.await(running), windows, totals);
  }
}
