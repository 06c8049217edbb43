package io.hotswap.internal.endpoint;

import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.context.storage.AccessMode;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * Carries the context locals of the host context that received a request or message over to the
 * generation's duplicate context that handles it. In plain Vert.x a handler runs on the request's
 * own duplicated context, so what the host put there — the OpenTelemetry {@code Context} of the
 * server span that vertx-opentelemetry keeps in a {@link ContextLocal}, a request id — is what the
 * handler sees; a generation runs on a duplicate of its own instance's context instead, which
 * starts empty.
 *
 * <p>Per request: one loop over the locals the Vert.x instance registered (normally the local-data
 * map and, with a tracer, its context), one volatile read each, a write only for a value that is
 * set, no allocation. Values are shared, not copied: the request's context and the generation's
 * duplicate see the same objects, as one context would.
 *
 * <p>Immutable and thread-safe.
 */
final class ContextLocals {
  private final ContextLocal<?>[] locals;

  ContextLocals(Vertx vertx) {
    this.locals = ((VertxInternal) vertx).contextLocals().toArray(new ContextLocal<?>[0]);
  }

  /**
   * A fresh duplicate of {@code generation} (an instance's context) holding the locals of {@code
   * received} (the host context the request or message arrived on; none when null).
   */
  ContextInternal duplicate(ContextInternal generation, ContextInternal received) {
    ContextInternal duplicate = generation.duplicate();
    if (received != null) {
      copy(received, duplicate);
    }
    return duplicate;
  }

  /** Puts every local set on {@code from} on {@code to} (contexts of the same Vert.x instance). */
  void copy(ContextInternal from, ContextInternal to) {
    for (ContextLocal<?> local : locals) {
      copyOne(local, from, to);
    }
  }

  private static <T> void copyOne(ContextLocal<T> local, ContextInternal from, ContextInternal to) {
    T value = from.getLocal(local, AccessMode.CONCURRENT);
    if (value != null) {
      to.putLocal(local, AccessMode.CONCURRENT, value);
    }
  }
}
