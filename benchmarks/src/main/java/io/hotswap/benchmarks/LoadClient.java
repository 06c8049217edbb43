package io.hotswap.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keep-alive HTTP load against one server from a client Vert.x instance: closed-loop (as many
 * requests as connections, for throughput) or open-loop at a fixed rate (for latency, counted from
 * each request's intended send time, so a stalled server cannot hide its stall — coordinated
 * omission). Counts every request: sent, ok (200 with the expected body), failed.
 *
 * <p>Thread-safe counters; each run drives requests from one context of the client instance.
 */
final class LoadClient {
  private final Vertx vertx;
  private final HttpClient client;
  private final int port;
  private final int connections;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  LoadClient(Vertx vertx, int port, int connections) {
    this.vertx = vertx;
    this.port = port;
    this.connections = connections;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1"),
            new PoolOptions().setHttp1MaxSize(connections));
  }

  long sent() {
    return sent.get();
  }

  long ok() {
    return ok.get();
  }

  long failed() {
    return failed.get();
  }

  /** Sends one GET to {@code path} on {@code port}; the body as JSON (control requests). */
  static Future<JsonObject> getJson(HttpClient client, int port, String path) {
    return client
        .request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(request -> request.send())
        .compose(response -> response.body())
        .map(body -> new JsonObject(body));
  }

  /** The client, for control requests to another port. */
  HttpClient client() {
    return client;
  }

  private Future<Void> one() {
    sent.incrementAndGet();
    return client
        .request(HttpMethod.GET, port, "127.0.0.1", "/")
        .compose(request -> request.send())
        .compose(
            response ->
                response
                    .body()
                    .map(
                        body -> {
                          if (response.statusCode() == 200
                              && HelloHandler.BODY.equals(body.toString())) {
                            ok.incrementAndGet();
                          } else {
                            failed.incrementAndGet();
                          }
                          return (Void) null;
                        }))
        .onFailure(e -> failed.incrementAndGet())
        .recover(e -> Future.succeededFuture());
  }

  /**
   * Keeps one request in flight per connection for {@code millis}; the future holds how many
   * completed inside the window. Requests in flight at the end are awaited and counted in the
   * totals but not in the result.
   */
  Future<Long> closedLoop(long millis) {
    Promise<Long> done = Promise.promise();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(
        v -> {
          long deadline = System.nanoTime() + millis * 1_000_000L;
          long[] completed = new long[1];
          int[] running = {connections};
          for (int i = 0; i < connections; i++) {
            chain(deadline, completed, running, done);
          }
        });
    return done.future();
  }

  private void chain(long deadline, long[] completed, int[] running, Promise<Long> done) {
    one()
        .onComplete(
            r -> {
              if (System.nanoTime() <= deadline) {
                completed[0]++;
                chain(deadline, completed, running, done);
              } else if (--running[0] == 0) {
                done.complete(completed[0]);
              }
            });
  }

  /**
   * Sends {@code rate} requests per second for {@code millis}, each at its intended time; the
   * result holds, per request, the intended send time and the latency from it.
   */
  Future<FixedRateRun> fixedRate(int rate, long millis) {
    int total = (int) (rate * millis / 1000);
    FixedRateRun run = new FixedRateRun(total);
    Promise<FixedRateRun> done = Promise.promise();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(
        v -> {
          long start = System.nanoTime();
          int[] issued = {0};
          int[] finished = {0};
          vertx.setPeriodic(
              1,
              timer -> {
                long now = System.nanoTime();
                long due = Math.min(total, (now - start) * rate / 1_000_000_000L + 1);
                while (issued[0] < due) {
                  int index = issued[0]++;
                  long intended = start + index * 1_000_000_000L / rate;
                  one()
                      .onComplete(
                          r -> {
                            run.record(index, intended, System.nanoTime() - intended);
                            if (++finished[0] == total) {
                              done.complete(run);
                            }
                          });
                }
                if (issued[0] == total) {
                  vertx.cancelTimer(timer);
                }
              });
        });
    return done.future();
  }

  /** Closes the client. */
  Future<Void> close() {
    return client.close();
  }
}
