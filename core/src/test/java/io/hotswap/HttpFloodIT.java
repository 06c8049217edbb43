package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.loader.testing.JavaSourceCompiler;
import io.hotswap.testing.Harness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP flood past the endpoint's in-flight bound: the excess gets 503 with {@code Retry-After}
 * from the host before generation code sees it, the rest is served, nothing else fails, and the
 * generation never has more than the bound in flight.
 */
@Timeout(60)
class HttpFloodIT {
  private static final int LIMIT = 32;
  private static final int CLIENTS = 256;
  private static final String APP =
      """
      package flood.app;

      import io.hotswap.api.Bindings;
      import io.hotswap.api.GenerationEntry;
      import io.vertx.core.Future;
      import io.vertx.core.VerticleBase;
      import java.util.concurrent.atomic.AtomicInteger;

      @GenerationEntry
      public class SlowVerticle extends VerticleBase {
        static final AtomicInteger IN_FLIGHT = new AtomicInteger();
        static final AtomicInteger MAX_SEEN = new AtomicInteger();

        @Override
        public Future<?> start() {
          Bindings.of(context).http("http", request -> {
            int now = IN_FLIGHT.incrementAndGet();
            MAX_SEEN.accumulateAndGet(now, Math::max);
            vertx.setTimer(100, t -> {
              IN_FLIGHT.decrementAndGet();
              request.response().end("served max " + MAX_SEEN.get());
            });
          });
          return Future.succeededFuture();
        }
      }
      """;

  @TempDir Path workDir;
  private Vertx vertx;
  private Vertx clientVertx;
  private HotSwap hotSwap;

  @AfterEach
  void stop() {
    try {
      Harness.await(hotSwap.close());
    } finally {
      Harness.await(clientVertx.close());
      Harness.await(vertx.close());
    }
  }

  @Test
  void flood_pastTheInFlightBound_excessGets503WithRetryAfter_restIsServed() {
    Path code = workDir.resolve("code");
    JavaSourceCompiler.compile(code, Map.of("flood.app.SlowVerticle", APP));
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(code)
                .endpoint(EndpointSpec.http("http", 0).withMaxInFlight(LIMIT))
                .jmx(false)
                .applicationName("flood")
                .build());
    assertThat(Harness.await(hotSwap.start()).activated()).isTrue();
    HttpClient client =
        clientVertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CLIENTS));

    Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger withRetryAfter = new AtomicInteger();
    AtomicInteger maxReported = new AtomicInteger();
    for (int round = 0; round < 4; round++) {
      List<Future<Void>> requests = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        requests.add(
            client
                .request(HttpMethod.GET, hotSwap.httpPort("http"), "127.0.0.1", "/")
                .compose(request -> request.send())
                .compose(
                    response ->
                        response
                            .body()
                            .map(
                                body -> {
                                  byStatus
                                      .computeIfAbsent(
                                          response.statusCode(), s -> new AtomicInteger())
                                      .incrementAndGet();
                                  if (response.statusCode() == 503
                                      && "1".equals(response.getHeader("retry-after"))) {
                                    withRetryAfter.incrementAndGet();
                                  }
                                  if (response.statusCode() == 200) {
                                    maxReported.accumulateAndGet(
                                        Integer.parseInt(body.toString().split(" ")[2]), Math::max);
                                  }
                                  return (Void) null;
                                }))
                .onFailure(e -> failed.incrementAndGet()));
      }
      Harness.await(Future.join(requests));
    }

    int sent = 4 * CLIENTS;
    int ok = byStatus.getOrDefault(200, new AtomicInteger()).get();
    int shed = byStatus.getOrDefault(503, new AtomicInteger()).get();
    assertThat(failed.get()).isZero();
    assertThat(ok + shed).isEqualTo(sent);
    assertThat(shed).isPositive();
    assertThat(withRetryAfter.get()).isEqualTo(shed);
    assertThat(ok).isGreaterThanOrEqualTo(4 * LIMIT / 2);
    assertThat(maxReported.get()).isLessThanOrEqualTo(LIMIT);
    // The client has every answer; the host releases each exchange when its response ended,
    // on its lane, a moment after the last bytes left.
    await().atMost(Duration.ofSeconds(10)).until(() -> inFlightLoad().inFlight() == 0);
    StatusReport.InFlightStatus load = inFlightLoad();
    assertThat(load.rejected()).isEqualTo(shed);
    assertThat(load.maxInFlight()).isEqualTo(LIMIT);
  }

  private StatusReport.InFlightStatus inFlightLoad() {
    return Harness.await(hotSwap.status()).endpoints().stream()
        .filter(e -> e.name().equals("http"))
        .findFirst()
        .orElseThrow()
        .inFlightLoad()
        .orElseThrow();
  }
}
