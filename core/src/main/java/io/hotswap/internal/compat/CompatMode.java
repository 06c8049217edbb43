package io.hotswap.internal.compat;

import io.hotswap.internal.generation.GenerationScope;
import io.hotswap.internal.generation.InstanceBindings;
import io.hotswap.internal.generation.UnmodifiedCode;
import io.vertx.core.internal.ContextInternal;

/**
 * Compat mode as the generation sees it: an unmodified verticle gets a context owned by a {@link
 * GenerationVertx} facade, and its start failures are explained ({@link CompatFailures}).
 * Stateless; thread-safe.
 */
public final class CompatMode implements UnmodifiedCode {

  @Override
  public ContextInternal context(
      ContextInternal pinned, GenerationScope scope, InstanceBindings bindings) {
    return OwnerContext.of(pinned, new GenerationVertx(scope.host(), bindings, scope));
  }

  @Override
  public Throwable explain(Throwable failure) {
    return CompatFailures.explain(failure);
  }
}
