package io.hotswap.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.JdkHttp;
import io.hotswap.testing.ThreadDump;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives real requests through a host-owned HttpServer into a generation context built the way the
 * host builds it (a deployment with its own loader, pinned onto the host server's event loop).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RehomedHttpServerRequestIT {

  private static final Duration BOUND = Duration.ofSeconds(10);

  /** Where a callback ran, and with which context class loader. */
  private record Seen(String where, ContextInternal context, ClassLoader tccl) {}

  private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
  private final Queue<String> order = new ConcurrentLinkedQueue<>();
  private final AtomicInteger dispatched = new AtomicInteger();
  private final AtomicInteger exchangesDone = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Set<HttpConnection> serverConnections = ConcurrentHashMap.newKeySet();
  private final AtomicReference<RehomedHttpServerRequest> lastRequest = new AtomicReference<>();

  private Vertx vertx;
  private final JdkHttp http = new JdkHttp();
  private NetClient netClient;
  private ContextInternal hostContext;
  private ContextInternal pinned;
  private URLClassLoader generationLoader;
  private String generationDeploymentId;
  private int port;

  /** The generation's request handler; the host reads it for every request. */
  private volatile Handler<HttpServerRequest> business = req -> req.response().end();

  /** When set, the host hands business code the host request itself (negative controls). */
  private volatile boolean bypassRehoming;

  @BeforeEach
  void startHostAndGeneration() throws Exception {
    vertx = Vertx.vertx();
    AtomicReference<ContextInternal> hostRef = new AtomicReference<>();
    Deployable host =
        context -> {
          hostRef.set((ContextInternal) context);
          return context
              .owner()
              .createHttpServer()
              .requestHandler(this::onHostRequest)
              .listen(0)
              .onSuccess(server -> port = server.actualPort());
        };
    join(vertx.deployVerticle(host));
    hostContext = hostRef.get();

    generationLoader = new URLClassLoader("generation-1", new URL[0], getClass().getClassLoader());
    AtomicReference<ContextInternal> pinnedRef = new AtomicReference<>();
    Deployable generation =
        assigned -> {
          ContextInternal built =
              ((ContextInternal) assigned)
                  .toBuilder().withEventLoop(hostContext.nettyEventLoop()).build();
          pinnedRef.set(built);
          return built.succeededFuture();
        };
    generationDeploymentId =
        join(
            vertx.deployVerticle(
                generation, new DeploymentOptions().setClassLoader(generationLoader)));
    pinned = pinnedRef.get();
    assertThat(pinned.nettyEventLoop()).isSameAs(hostContext.nettyEventLoop());
    assertThat(pinned.classLoader()).isSameAs(generationLoader);
    assertThat(pinned.deploymentID()).isEqualTo(generationDeploymentId);

    netClient = vertx.createNetClient();
  }

  @AfterEach
  void stop() throws Exception {
    join(vertx.close());
    generationLoader.close();
  }

  private void onHostRequest(HttpServerRequest req) {
    dispatched.incrementAndGet();
    serverConnections.add(req.connection());
    if (bypassRehoming) {
      business.handle(req);
      return;
    }
    ContextInternal dup = pinned.duplicate();
    inFlight.incrementAndGet();
    RehomedHttpServerRequest rehomed =
        new RehomedHttpServerRequest(
            (HttpServerRequestInternal) req,
            dup,
            () -> {
              order.add("exchangeDone");
              exchangesDone.incrementAndGet();
              inFlight.decrementAndGet();
            });
    lastRequest.set(rehomed);
    dup.emit(rehomed, business);
  }

  // (a) every later callback runs on the generation context with the generation loader

  @Test
  void callbacks_ofRehomedRequest_runOnGenerationContextWithGenerationLoader() throws Exception {
    business =
        req -> {
          see("dispatch");
          req.handler(chunk -> see("handler"));
          req.bodyHandler(body -> see("bodyHandler"));
          req.body().onComplete(ar -> see("body"));
          req.end().onComplete(ar -> see("requestEndFuture"));
          req.endHandler(
              v -> {
                see("endHandler");
                req.response()
                    .endHandler(
                        end -> {
                          see("responseEndHandler");
                          order.add("responseEndHandler");
                        });
                req.response().end("ok").onComplete(ar -> see("responseEndFuture"));
              });
        };

    assertThat(join(post("/a", "hello"))).isEqualTo("200:ok");

    List<String> expected =
        List.of(
            "dispatch",
            "handler",
            "bodyHandler",
            "body",
            "requestEndFuture",
            "endHandler",
            "responseEndHandler",
            "responseEndFuture");
    await().atMost(BOUND).until(() -> wheres().containsAll(expected));
    assertThat(seen)
        .allSatisfy(
            s -> {
              assertThat(s.context().unwrap()).as(s.where()).isSameAs(pinned);
              assertThat(s.tccl()).as(s.where()).isSameAs(generationLoader);
            });
    assertThat(List.copyOf(order)).containsExactly("exchangeDone", "responseEndHandler");
  }

  @Test
  void hostRequest_bodyCallback_runsOnHostContext() throws Exception {
    // Negative control: without re-homing the same callback lands on the host context.
    bypassRehoming = true;
    business =
        req -> req.body().onComplete(ar -> see("body")).onComplete(ar -> req.response().end());

    join(post("/control", "hello"));

    await().atMost(BOUND).until(() -> wheres().contains("body"));
    assertThat(seen.peek().context().unwrap()).isNotSameAs(pinned);
    assertThat(seen.peek().tccl()).isNotSameAs(generationLoader);
  }

  // (b) timers created in callbacks die with the generation

  @Test
  void undeploy_periodicTimerCreatedInBodyCallback_stopsTicking() throws Exception {
    AtomicInteger ticks = new AtomicInteger();
    business =
        req ->
            req.body()
                .onComplete(
                    ar -> {
                      Vertx.currentContext().owner().setPeriodic(5, id -> ticks.incrementAndGet());
                      req.response().end();
                    });
    join(post("/timer", "x"));
    await().atMost(BOUND).until(() -> ticks.get() >= 3);

    join(vertx.undeploy(generationDeploymentId));

    int afterUndeploy = ticks.get();
    await().during(Duration.ofMillis(300)).atMost(BOUND).until(() -> ticks.get() == afterUndeploy);
  }

  @Test
  void undeploy_timerCreatedInHostBodyCallback_keepsTicking() throws Exception {
    // Negative control: the leak re-homing exists to prevent.
    bypassRehoming = true;
    AtomicInteger ticks = new AtomicInteger();
    business =
        req ->
            req.body()
                .onComplete(
                    ar -> {
                      Vertx.currentContext().owner().setPeriodic(5, id -> ticks.incrementAndGet());
                      req.response().end();
                    });
    join(post("/timer", "x"));
    join(vertx.undeploy(generationDeploymentId));

    int afterUndeploy = ticks.get();
    await().atMost(BOUND).until(() -> ticks.get() > afterUndeploy + 3);
  }

  // (c) onExchangeDone runs exactly once

  @Test
  void onExchangeDone_normalResponse_runsOnce() throws Exception {
    business = req -> req.response().end("done");

    assertThat(join(get("/normal"))).isEqualTo("200:done");

    await().atMost(BOUND).until(() -> exchangesDone.get() == 1);
    assertStaysAt(exchangesDone, 1);
    assertThat(inFlight).hasValue(0);
  }

  @Test
  void onExchangeDone_responseEndedAfterTimer_runsOnceWhenEnded() throws Exception {
    AtomicInteger doneWhenTimerFired = new AtomicInteger(-1);
    business =
        req ->
            Vertx.currentContext()
                .owner()
                .setTimer(
                    50,
                    id -> {
                      doneWhenTimerFired.set(exchangesDone.get());
                      see("timer");
                      req.response().end("late");
                    });

    assertThat(join(get("/late"))).isEqualTo("200:late");

    assertThat(doneWhenTimerFired).hasValue(0);
    assertThat(seen.peek().context().unwrap()).isSameAs(pinned);
    await().atMost(BOUND).until(() -> exchangesDone.get() == 1);
    assertStaysAt(exchangesDone, 1);
  }

  @Test
  void onExchangeDone_clientClosesBeforeResponse_runsOnceAndLateEndDoesNotRepeat()
      throws Exception {
    business =
        req ->
            req.response()
                .endHandler(v -> see("responseEndHandler"))
                .closeHandler(v -> see("responseCloseHandler"));
    RawConnection raw = openRaw();
    raw.socket().write("GET /hang HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await().atMost(BOUND).until(() -> dispatched.get() == 1);

    raw.socket().close();

    await().atMost(BOUND).until(() -> exchangesDone.get() == 1);
    await().atMost(BOUND).until(() -> wheres().contains("responseCloseHandler"));
    // The generation's handlers run as its Vert.x runs them: 5.0 also calls the end handler of a
    // response whose connection closed first, 5.1 only the close handler (README, "Vert.x
    // versions").
    if (Vertx.class.getPackage().getImplementationVersion().startsWith("5.0.")) {
      await().atMost(BOUND).until(() -> wheres().contains("responseEndHandler"));
    } else {
      assertThat(wheres()).doesNotContain("responseEndHandler");
    }
    assertThat(seen.peek().context().unwrap()).isSameAs(pinned);
    RehomedHttpServerResponse response = (RehomedHttpServerResponse) lastRequest.get().response();
    AtomicBoolean endFailed = new AtomicBoolean();
    pinned.runOnContext(v -> response.end().onFailure(t -> endFailed.set(true)));
    await().atMost(BOUND).untilTrue(endFailed);
    assertStaysAt(exchangesDone, 1);
  }

  @Test
  void onExchangeDone_sendFile_runsOnceAndFutureOnGenerationContext(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("f.txt"), "from disk");
    business =
        req -> req.response().sendFile(file.toString()).onComplete(ar -> see("sendFileFuture"));

    assertThat(join(get("/file"))).isEqualTo("200:from disk");

    await().atMost(BOUND).until(() -> wheres().contains("sendFileFuture"));
    assertThat(seen.peek().context().unwrap()).isSameAs(pinned);
    await().atMost(BOUND).until(() -> exchangesDone.get() == 1);
    assertStaysAt(exchangesDone, 1);
  }

  @Test
  void onExchangeDone_toNetSocket_runsOnceWhenUpgraded() throws Exception {
    // Vert.x marks an upgraded response written without calling its end handler.
    business = req -> req.toNetSocket().onSuccess(socket -> see("netSocket"));
    RawConnection raw = openRaw();
    raw.socket()
        .write(
            "GET /up HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: raw\r\n\r\n");

    await().atMost(BOUND).until(() -> wheres().contains("netSocket"));
    assertThat(seen.peek().context().unwrap()).isSameAs(pinned);
    assertThat(raw.received().toString()).startsWith("HTTP/1.1 101");
    await().atMost(BOUND).until(() -> exchangesDone.get() == 1);
    assertStaysAt(exchangesDone, 1);
  }

  @Test
  void fluentMethods_returnTheWrappers() throws Exception {
    AtomicBoolean allSame = new AtomicBoolean();
    business =
        req -> {
          HttpServerResponse resp = req.response();
          allSame.set(
              req.pause() == req
                  && req.resume() == req
                  && req.fetch(1) == req
                  && req.setParamsCharset("UTF-8") == req
                  && req.routed("/r") == req
                  && req.bodyHandler(b -> {}) == req
                  && ((HttpServerRequestInternal) req).context().unwrap() == pinned
                  && req.response() == resp
                  && resp.setStatusCode(201) == resp
                  && resp.putHeader("a", "b") == resp
                  && resp.setChunked(false) == resp
                  && resp.closeHandler(v -> {}) == resp
                  && resp.exceptionHandler(t -> {}) == resp);
          resp.end();
        };

    assertThat(join(get("/fluent"))).isEqualTo("201:");
    assertThat(allSame).isTrue();
  }

  // (d) cancel: a status while one can be sent, a closed connection otherwise

  @Test
  void cancel_pendingResponse_sends503WithConnectionClose() throws Exception {
    business = req -> {};
    RawConnection raw = openRaw();
    raw.socket().write("GET /pending HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await().atMost(BOUND).until(() -> dispatched.get() == 1);

    assertThat(cancelOnEventLoop()).isTrue();

    await().atMost(BOUND).untilTrue(raw.closed());
    String received = raw.received().toString();
    assertThat(received)
        .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
        .containsIgnoringCase("\r\nconnection: close\r\n")
        .containsIgnoringCase("\r\ncontent-type: text/plain\r\n")
        .endsWith("\r\n\r\n" + RehomedHttpServerResponse.CANCELLED_BODY);
    assertThat(exchangesDone).hasValue(1);
    assertThat(cancelOnEventLoop()).isFalse();
  }

  @Test
  void cancel_headWritten_closesConnection() throws Exception {
    business = req -> req.response().setChunked(true).write("partial");
    RawConnection raw = openRaw();
    raw.socket().write("GET /chunked HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await().atMost(BOUND).until(() -> raw.received().toString().contains("partial"));

    assertThat(cancelOnEventLoop()).isTrue();

    await().atMost(BOUND).untilTrue(raw.closed());
    assertThat(raw.received().toString())
        .startsWith("HTTP/1.1 200 OK\r\n")
        .doesNotContain("\r\n0\r\n");
    await().atMost(BOUND).until(() -> exchangesDone.get() == 1);
  }

  @Test
  void cancel_endedResponse_returnsFalse() throws Exception {
    business = req -> req.response().end("ok");

    assertThat(join(get("/ended"))).isEqualTo("200:ok");

    assertThat(cancelOnEventLoop()).isFalse();
    assertThat(exchangesDone).hasValue(1);
  }

  // (e) accounting under keep-alive load

  @Test
  void onExchangeDone_manySequentialKeepAliveRequests_runsOncePerRequest() throws Exception {
    int connections = 4;
    int perConnection = 300;
    business =
        req -> {
          if (req.method() == HttpMethod.POST) {
            req.body().onSuccess(body -> req.response().end(body));
          } else {
            req.response().end("g");
          }
        };

    List<Future<Integer>> chains = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      chains.add(chain(perConnection, 0));
    }
    int ok = 0;
    for (Future<Integer> chain : chains) {
      ok += join(chain);
    }

    int sent = connections * perConnection;
    assertThat(ok).isEqualTo(sent);
    await().atMost(BOUND).until(() -> exchangesDone.get() == sent);
    assertThat(dispatched).hasValue(sent);
    assertThat(inFlight).hasValue(0);
    assertThat(serverConnections).hasSizeLessThanOrEqualTo(connections);
  }

  private Future<Integer> chain(int remaining, int ok) {
    if (remaining == 0) {
      return Future.succeededFuture(ok);
    }
    Future<String> one = remaining % 2 == 0 ? post("/load", "p") : get("/load");
    return one.compose(
        body -> chain(remaining - 1, body.equals("200:p") || body.equals("200:g") ? ok + 1 : ok));
  }

  // helpers

  private void see(String where) {
    seen.add(
        new Seen(
            where,
            (ContextInternal) Vertx.currentContext(),
            Thread.currentThread().getContextClassLoader()));
  }

  private List<String> wheres() {
    return seen.stream().map(Seen::where).toList();
  }

  private boolean cancelOnEventLoop() throws Exception {
    RehomedHttpServerResponse response = (RehomedHttpServerResponse) lastRequest.get().response();
    Promise<Boolean> cancelled = Promise.promise();
    hostContext.runOnContext(v -> cancelled.complete(response.cancelByHost()));
    return join(cancelled.future());
  }

  private Future<String> get(String path) {
    return http.get(port, path).map(answer -> answer.status() + ":" + answer.body());
  }

  private Future<String> post(String path, String body) {
    return http.post(port, path, body).map(answer -> answer.status() + ":" + answer.body());
  }

  private record RawConnection(NetSocket socket, StringBuffer received, AtomicBoolean closed) {}

  private RawConnection openRaw() throws Exception {
    NetSocket socket = join(netClient.connect(port, "localhost"));
    StringBuffer received = new StringBuffer();
    AtomicBoolean closed = new AtomicBoolean();
    socket.handler(buffer -> received.append(buffer.toString()));
    socket.closeHandler(v -> closed.set(true));
    return new RawConnection(socket, received, closed);
  }

  private static void assertStaysAt(AtomicInteger counter, int value) {
    await().during(Duration.ofMillis(200)).atMost(BOUND).until(() -> counter.get() == value);
  }

  private static <T> T join(Future<T> future) throws Exception {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(BOUND.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "no result in " + BOUND + "; the Vert.x threads were at:\n" + ThreadDump.vertxThreads(),
          e);
    }
  }
}
