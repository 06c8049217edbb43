package io.hotswap.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.future.FutureImpl;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A host future as the generation sees it: listeners, however they are added, run on the
 * generation's context with the host's outcome; without a listener it answers from the host future
 * and never listens to it.
 */
class GenerationFutureTest {
  private final Vertx vertx = Vertx.vertx();
  private final ContextInternal host = ((VertxInternal) vertx).createEventLoopContext().duplicate();
  private final ContextInternal generation =
      ((VertxInternal) vertx).createEventLoopContext().duplicate();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void listener_addedBeforeTheHostCompletes_runsOnTheGenerationContextWithTheResult()
      throws Exception {
    PromiseInternal<String> written = host.promise();
    Future<String> future = GenerationFuture.of(generation, written.future());
    CompletableFuture<Context> ranOn = new CompletableFuture<>();
    CompletableFuture<String> result = new CompletableFuture<>();
    future.onComplete(
        done -> {
          ranOn.complete(Vertx.currentContext());
          result.complete(done.succeeded() ? done.result() : "failed: " + done.cause());
        });

    host.runOnContext(v -> written.complete("sent"));

    assertThat(ranOn.get(10, TimeUnit.SECONDS)).isSameAs(generation);
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("sent");
  }

  @Test
  void listener_addedAfterTheHostCompleted_runsOnTheGenerationContext() throws Exception {
    Future<String> future = GenerationFuture.of(generation, host.succeededFuture("sent"));
    CompletableFuture<Context> ranOn = new CompletableFuture<>();

    future.onSuccess(sent -> ranOn.complete(Vertx.currentContext()));

    assertThat(ranOn.get(10, TimeUnit.SECONDS)).isSameAs(generation);
  }

  @Test
  void failure_reachesDerivedFuturesOnTheGenerationContext() throws Exception {
    PromiseInternal<String> written = host.promise();
    Future<String> future = GenerationFuture.of(generation, written.future());
    CompletableFuture<Context> ranOn = new CompletableFuture<>();
    Future<String> recovered =
        future.recover(
            failure -> {
              ranOn.complete(Vertx.currentContext());
              return Future.succeededFuture("recovered from " + failure.getMessage());
            });

    host.runOnContext(v -> written.fail("connection closed"));

    assertThat(recovered.await(10, TimeUnit.SECONDS)).isEqualTo("recovered from connection closed");
    assertThat(ranOn.get(10, TimeUnit.SECONDS)).isSameAs(generation);
  }

  @Test
  void mapAndAwait_fromAnotherThread_seeTheHostResult() throws Exception {
    PromiseInternal<String> written = host.promise();
    Future<Integer> length = GenerationFuture.of(generation, written.future()).map(String::length);

    host.runOnContext(v -> written.complete("sent"));

    assertThat(length.await(10, TimeUnit.SECONDS)).isEqualTo(4);
  }

  @Test
  void queries_withoutAListener_answerFromTheHostFutureAndNeverListenToIt() {
    CountingFuture<String> written = new CountingFuture<>(host);
    Future<String> future = GenerationFuture.of(generation, written);

    assertThat(future.isComplete()).isFalse();
    written.tryComplete("sent");

    assertThat(future.isComplete()).isTrue();
    assertThat(future.succeeded()).isTrue();
    assertThat(future.failed()).isFalse();
    assertThat(future.result()).isEqualTo("sent");
    assertThat(future.cause()).isNull();
    assertThat(written.listeners.get()).isZero();
  }

  @Test
  void queries_ofAFailedHostFuture_tellTheFailure() {
    IllegalStateException closed = new IllegalStateException("closed");
    Future<String> future = GenerationFuture.of(generation, host.failedFuture(closed));

    assertThat(future.failed()).isTrue();
    assertThat(future.succeeded()).isFalse();
    assertThat(future.cause()).isSameAs(closed);
    assertThat(future.result()).isNull();
  }

  @Test
  void severalListeners_linkToTheHostFutureOnce() throws Exception {
    CountingFuture<String> written = new CountingFuture<>(host);
    Future<String> future = GenerationFuture.of(generation, written);
    AtomicInteger ran = new AtomicInteger();
    CompletableFuture<Void> third = new CompletableFuture<>();

    future.onSuccess(sent -> ran.incrementAndGet());
    future.onComplete(done -> ran.incrementAndGet());
    future.map(String::length).onSuccess(length -> third.complete(null));
    host.runOnContext(v -> written.tryComplete("sent"));

    third.get(10, TimeUnit.SECONDS);
    assertThat(ran.get()).isEqualTo(2);
    assertThat(written.listeners.get()).isEqualTo(1);
  }

  /** A host future that counts the listeners added to it. */
  private static final class CountingFuture<T> extends FutureImpl<T> {
    final AtomicInteger listeners = new AtomicInteger();

    CountingFuture(ContextInternal context) {
      super(context);
    }

    @Override
    public void addListener(Completable<? super T> listener) {
      listeners.incrementAndGet();
      super.addListener(listener);
    }
  }
}
