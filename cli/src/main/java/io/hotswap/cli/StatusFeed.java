package io.hotswap.cli;

import io.hotswap.GenerationInfo;
import io.hotswap.HotSwap;
import io.hotswap.management.StatusJson;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The dashboard's live feed: a server-sent-events stream ({@code text/event-stream}) of the status
 * JSON ({@link StatusJson}), pushed to every subscriber every 500 ms and at once on each lifecycle
 * transition (it is a {@code HotSwap} listener). Transitions that come in a burst (a cutover moves
 * two generations) share one push. A subscriber that reads too slowly skips pushes rather than
 * buffer without bound.
 *
 * <p>Lifecycle: {@link #start()} arms the timer on its own context, {@link #close()} ends every
 * stream. Thread-safe: the listener may be called from any thread; pushes run on the feed's
 * context.
 */
final class StatusFeed implements Consumer<GenerationInfo>, AutoCloseable {
  static final long PERIOD_MILLIS = 500;

  private final Vertx vertx;
  private final HotSwap hotSwap;
  private final Context context;
  private final Set<HttpServerResponse> subscribers = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean pushPending = new AtomicBoolean();
  private volatile long timer = -1;

  StatusFeed(Vertx vertx, HotSwap hotSwap) {
    this.vertx = vertx;
    this.hotSwap = hotSwap;
    this.context = vertx.getOrCreateContext();
  }

  /** Arms the periodic push. */
  void start() {
    context.runOnContext(v -> timer = vertx.setPeriodic(PERIOD_MILLIS, id -> push()));
  }

  /** Answers {@code request} with an event stream and sends it the status at once. */
  void subscribe(HttpServerRequest request) {
    HttpServerResponse response =
        request
            .response()
            .setChunked(true)
            .putHeader("Content-Type", "text/event-stream")
            .putHeader("Cache-Control", "no-store")
            .putHeader("X-Accel-Buffering", "no");
    response.write(": hotswap status feed\nretry: 1000\n\n");
    subscribers.add(response);
    response.closeHandler(v -> subscribers.remove(response));
    response.exceptionHandler(e -> subscribers.remove(response));
    accept(null);
  }

  /** A lifecycle transition: push now (one push for a burst). */
  @Override
  public void accept(GenerationInfo ignored) {
    if (pushPending.compareAndSet(false, true)) {
      context.runOnContext(v -> push());
    }
  }

  /** How many streams are open. */
  int subscribers() {
    return subscribers.size();
  }

  private void push() {
    pushPending.set(false);
    if (subscribers.isEmpty()) {
      return;
    }
    hotSwap
        .status()
        .onSuccess(
            report -> {
              String event = "event: status\ndata: " + StatusJson.of(report).encode() + "\n\n";
              for (HttpServerResponse response : subscribers) {
                if (!response.writeQueueFull()) {
                  response.write(event).onFailure(e -> subscribers.remove(response));
                }
              }
            });
  }

  @Override
  public void close() {
    long armed = timer;
    if (armed >= 0) {
      vertx.cancelTimer(armed);
    }
    for (HttpServerResponse response : subscribers) {
      subscribers.remove(response);
      context.runOnContext(v -> response.end());
    }
  }
}
