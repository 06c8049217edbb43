package io.hotswap.benchmarks;

import java.util.concurrent.Callable;

/**
 * The CPU a server process used over the windows measured through it, from {@code /proc}: its own
 * ticks, and the busy and total ticks of the core it is pinned to, so that others' use of that core
 * shows. One instance sums any number of windows (a pair's two slices of one side).
 *
 * <p>Not thread-safe: one window at a time.
 */
final class ServerCpu {
  private final long pid;
  private final int core;
  private long serverTicks;
  private long coreBusy;
  private long coreTotal;

  /** For process {@code pid}, pinned to {@code core} ({@code < 0}: not pinned, no core reading). */
  ServerCpu(long pid, int core) {
    this.pid = pid;
    this.core = core;
  }

  /** Runs {@code window} and adds what the server and its core used meanwhile. */
  <T> T over(Callable<T> window) throws Exception {
    long[] coreBefore = core >= 0 ? ProcStat.coreTicks(core) : null;
    long before = ProcStat.processTicks(pid);
    T outcome = window.call();
    long after = ProcStat.processTicks(pid);
    long[] coreAfter = core >= 0 ? ProcStat.coreTicks(core) : null;
    serverTicks += after - before;
    if (coreBefore != null) {
      coreBusy += coreAfter[0] - coreBefore[0];
      coreTotal += coreAfter[1] - coreBefore[1];
    }
    return outcome;
  }

  /** The server's CPU time per request, in µs, over the windows so far. */
  double microsPerRequest(long requests) {
    return serverTicks * 1e6 / ProcStat.ticksPerSecond() / Math.max(1, requests);
  }

  /** The share of the core's time others used over the windows, in %; NaN when not pinned. */
  double coreOtherPercent() {
    return coreTotal == 0 ? Double.NaN : 100.0 * (coreBusy - serverTicks) / coreTotal;
  }
}
