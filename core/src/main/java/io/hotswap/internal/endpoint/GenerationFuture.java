/*
 * Design notes: why the future is lazy.
 *
 * Vert.x completes the future of a response write on the host request's context, and a listener on
 * it would run there: with the host's classloader, and a timer or consumer it creates would belong
 * to the host's deployment. So every future a re-homed request or response hands out completes on
 * the generation's context instead. An eager re-homing (a promise of the generation's context
 * registered on the host future) costs every write that: a promise, a listener on the host future
 * and, when the write completes (Vert.x flushes at the end of a read, outside any context), one
 * more task queued on the event loop to complete the promise — for a future that business code
 * almost never looks at (a handler that ends a response and returns). Plain Vert.x pays none of it.
 *
 * This future re-homes on demand: until the first listener it answers every question from the host
 * future (which is the truth: this future only mirrors it); the first listener links it to the host
 * future, and from then on it completes on the generation's context like the eager promise did.
 * Every derived future (map, compose, onComplete, await, toCompletionStage, timeout...) goes
 * through FutureBase.addListener, so every way of waiting on it links it.
 */
package io.hotswap.internal.endpoint;

import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.impl.future.FutureImpl;
import io.vertx.core.internal.ContextInternal;
import java.util.Objects;

/**
 * A host future as the generation sees it: the same outcome, with every listener run on the
 * generation's context; linked to the host future only when somebody listens, so a write whose
 * future nobody looks at costs nothing more than on plain Vert.x.
 *
 * <p>Thread-safe, like every Vert.x future: the link is made once whichever thread listens first.
 *
 * @param <T> the type of the result
 */
final class GenerationFuture<T> extends FutureImpl<T> implements Completable<T> {
  private final Future<T> host;
  private boolean linked;

  private GenerationFuture(ContextInternal generation, Future<T> host) {
    super(generation);
    this.host = host;
  }

  /** {@code host}, completed on {@code generation} (a context of the generation) for listeners. */
  static <T> Future<T> of(ContextInternal generation, Future<T> host) {
    return new GenerationFuture<>(
        Objects.requireNonNull(generation, "generation"), Objects.requireNonNull(host, "host"));
  }

  @Override
  public void addListener(Completable<? super T> listener) {
    link();
    super.addListener(listener);
  }

  private void link() {
    synchronized (this) {
      if (linked) {
        return;
      }
      linked = true;
    }
    host.onComplete(this);
  }

  /** The host future completed: complete this one, on the generation's context for listeners. */
  @Override
  public void complete(T result, Throwable failure) {
    if (failure == null) {
      tryComplete(result);
    } else {
      tryFail(failure);
    }
  }

  // Queries: the host future is the truth; this one completes after it, on another context.

  @Override
  public T result() {
    return host.result();
  }

  @Override
  public Throwable cause() {
    return host.cause();
  }

  @Override
  public boolean succeeded() {
    return host.succeeded();
  }

  @Override
  public boolean failed() {
    return host.failed();
  }

  @Override
  public boolean isComplete() {
    return host.isComplete();
  }
}
