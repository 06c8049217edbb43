package io.hotswap.internal.generation;

import io.hotswap.HotSwapOptions;
import io.hotswap.internal.endpoint.BindingTable;
import io.hotswap.internal.endpoint.HttpEndpoint;
import io.hotswap.internal.endpoint.WarmUpRoutes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms a new generation up before its cutover: opens a warm-up window ({@link WarmUpRoutes}:
 * loopback requests that carry a one-time token reach the candidate, everything else the active
 * generation; the binding table is not written), sends the configured GET requests through the real
 * HTTP endpoint, then closes the window. The requests run the candidate's real handlers, so the
 * first real requests find its classes loaded and its hot paths compiled further.
 *
 * <p>Thread-safe: one warm-up at a time (the supervisor serializes reloads); the client is created
 * once, lazily.
 */
final class WarmUpRunner {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUpRunner.class);

  private final Vertx vertx;
  private final WarmUpRoutes routes;
  private final HotSwapOptions.WarmUp warmUp;
  private final IntSupplier port;
  private HttpClient client;

  WarmUpRunner(Vertx vertx, WarmUpRoutes routes, HotSwapOptions.WarmUp warmUp, IntSupplier port) {
    this.vertx = vertx;
    this.routes = routes;
    this.warmUp = warmUp;
    this.port = port;
  }

  /** The warm-up {@code options} ask for, sent through an HTTP endpoint of {@code endpoints}. */
  static java.util.Optional<WarmUpRunner> of(
      Vertx vertx,
      WarmUpRoutes routes,
      HotSwapOptions options,
      io.hotswap.internal.endpoint.EndpointRegistry endpoints) {
    return options
        .warmUp()
        .map(
            settings ->
                new WarmUpRunner(
                    vertx,
                    routes,
                    settings,
                    () -> httpPort(endpoints.list(), settings.endpoint())));
  }

  /** The port of the HTTP endpoint {@code name} among {@code endpoints}. */
  static int httpPort(List<io.hotswap.internal.endpoint.Endpoint> endpoints, String name) {
    for (io.hotswap.internal.endpoint.Endpoint endpoint : endpoints) {
      if (endpoint.name().equals(name) && endpoint instanceof HttpEndpoint http) {
        return http.port();
      }
    }
    throw new IllegalStateException("warm-up names no HTTP endpoint '" + name + "'");
  }

  /** Sends the warm-up requests to {@code candidate}; completes when all were answered. */
  Future<Void> run(Generation generation, BindingTable candidate) {
    long began = System.nanoTime();
    String token = UUID.randomUUID().toString();
    routes.open(token, candidate);
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Future<Void>> loops = new ArrayList<>();
    for (int i = 0; i < warmUp.concurrency(); i++) {
      Promise<Void> done = Promise.promise();
      loops.add(done.future());
      next(token, sent, failed, done);
    }
    return Future.join(loops)
        .<Void>mapEmpty()
        .eventually(
            () -> {
              routes.close(token);
              LOG.info(
                  "{} warmed up with {} requests in {} ms ({} not answered 2xx)",
                  generation.label(),
                  sent.get(),
                  (System.nanoTime() - began) / 1_000_000,
                  failed.get());
              return Future.succeededFuture();
            });
  }

  private void next(String token, AtomicInteger sent, AtomicInteger failed, Promise<Void> done) {
    int number = sent.getAndIncrement();
    if (number >= warmUp.requests()) {
      sent.decrementAndGet();
      done.complete();
      return;
    }
    String path = warmUp.paths().get(number % warmUp.paths().size());
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost("127.0.0.1")
            .setPort(port.getAsInt())
            .setURI(path)
            .putHeader(HttpEndpoint.WARM_UP_HEADER, token);
    client()
        .request(request)
        .compose(req -> req.send().compose(response -> response.body().map(response.statusCode())))
        .onComplete(
            (status, failure) -> {
              if (failure != null || status / 100 != 2) {
                failed.incrementAndGet();
              }
              next(token, sent, failed, done);
            });
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client =
          vertx.createHttpClient(
              new HttpClientOptions().setKeepAlive(true),
              new PoolOptions().setHttp1MaxSize(warmUp.concurrency()));
    }
    return client;
  }
}
