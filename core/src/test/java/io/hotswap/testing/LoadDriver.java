package io.hotswap.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real keep-alive HTTP load: {@code clients} clients, each with one connection, each sending its
 * next request as soon as the previous answer arrived, until {@link #stop()}. Every request is
 * counted: sent, ok (status 200), failed (anything else, with the first failures kept), and every
 * answer is kept for the test to check.
 *
 * <p>Thread-safe: counters are atomic; answers are collected in a concurrent queue.
 */
public final class LoadDriver {
  private final List<HttpClient> clients = new ArrayList<>();
  private final int port;
  private final String path;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final Queue<HttpAnswer> answers = new ConcurrentLinkedQueue<>();
  private final List<Future<Void>> loops = new ArrayList<>();

  /** Creates {@code clients} clients on {@code vertx} against {@code port} and {@code path}. */
  public LoadDriver(Vertx vertx, int port, String path, int clients) {
    this.port = port;
    this.path = path;
    for (int i = 0; i < clients; i++) {
      this.clients.add(
          vertx.createHttpClient(
              new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(1)));
    }
  }

  /** Starts every client's loop. */
  public LoadDriver start() {
    running.set(true);
    for (HttpClient client : clients) {
      Promise<Void> finished = Promise.promise();
      loops.add(finished.future());
      next(client, finished);
    }
    return this;
  }

  private void next(HttpClient client, Promise<Void> finished) {
    if (!running.get()) {
      finished.complete();
      return;
    }
    sent.incrementAndGet();
    Harness.get(client, port, path)
        .onComplete(
            result -> {
              if (result.succeeded() && result.result().status() == 200) {
                ok.incrementAndGet();
                answers.add(result.result());
              } else {
                failed.incrementAndGet();
                if (failures.size() < 20) {
                  failures.add(
                      result.succeeded()
                          ? result.result().status() + " " + result.result().body()
                          : String.valueOf(result.cause()));
                }
              }
              next(client, finished);
            });
  }

  /** Stops sending and waits until every client's last request was answered. */
  public LoadDriver stop() {
    running.set(false);
    Harness.await(Future.all(loops));
    for (HttpClient client : clients) {
      Harness.await(client.close());
    }
    return this;
  }

  /** Requests sent so far. */
  public long sent() {
    return sent.get();
  }

  /** Requests answered 200 so far. */
  public long ok() {
    return ok.get();
  }

  /** Requests that failed or were not answered 200. */
  public long failed() {
    return failed.get();
  }

  /** The first failures, as text. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  /** Every 200 answer received. */
  public List<HttpAnswer> answers() {
    return List.copyOf(answers);
  }
}
