package io.hotswap.metrics;

import io.hotswap.HotSwap;
import io.hotswap.StatusReport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a hotswap instance for its {@link StatusReport} on a periodic timer of the host's Vert.x and
 * whenever {@link #pollSoon()} is called, one request at a time (a call while one runs coalesces
 * into one follow-up), and hands each report to a sink.
 *
 * <p>Thread-safe: {@link #pollSoon()} may be called from any thread; the poll state lives on one
 * Vert.x context.
 */
final class StatusPoller {
  private static final Logger LOG = LoggerFactory.getLogger(StatusPoller.class);

  private final HotSwap hotSwap;
  private final Context context;
  private final Duration interval;
  private final Consumer<StatusReport> sink;
  private volatile boolean closed;
  private volatile long timer = -1;
  private boolean running;
  private boolean again;
  private boolean failing;

  StatusPoller(HotSwap hotSwap, Vertx vertx, Duration interval, Consumer<StatusReport> sink) {
    this.hotSwap = hotSwap;
    this.context = vertx.getOrCreateContext();
    this.interval = interval;
    this.sink = sink;
  }

  /** Polls now and then every interval. */
  void start() {
    context.runOnContext(
        ignored -> {
          if (!closed) {
            timer =
                context
                    .owner()
                    .setPeriodic(
                        interval.toMillis(),
                        id -> {
                          if (closed) {
                            context.owner().cancelTimer(id);
                          } else {
                            poll();
                          }
                        });
            poll();
          }
        });
  }

  /** Asks for a poll as soon as the current one (if any) ended. */
  void pollSoon() {
    if (!closed) {
      context.runOnContext(ignored -> poll());
    }
  }

  private void poll() {
    if (closed) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    hotSwap
        .status()
        .onComplete(
            result ->
                context.runOnContext(
                    ignored -> {
                      if (result.succeeded()) {
                        failing = false;
                        if (!closed) {
                          sink.accept(result.result());
                        }
                      } else if (!failing) {
                        failing = true;
                        LOG.warn("metrics: status not available: {}", result.cause().toString());
                      }
                      running = false;
                      if (again) {
                        again = false;
                        poll();
                      }
                    }));
  }

  /**
   * Stops polling; a report in flight is dropped. Callable from any thread, also once the host's
   * Vert.x is closed.
   */
  void close() {
    closed = true;
    long id = timer;
    if (id >= 0) {
      context.owner().cancelTimer(id);
    }
  }
}
