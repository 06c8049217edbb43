package io.hotswap.internal.generation;

import io.hotswap.api.StateHandOff;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import java.util.function.Supplier;

/**
 * What one generation instance declared for the CHECKING phase, with the context to run it on.
 * Immutable; it references generation code, so it lives only as long as its generation.
 *
 * @param context the instance's pinned context
 * @param healthCheck the instance's health check, or {@code null}
 * @param handOff the instance's state hand-off, or {@code null}
 */
record InstanceHooks(
    ContextInternal context, Supplier<Future<?>> healthCheck, StateHandOff handOff) {}
