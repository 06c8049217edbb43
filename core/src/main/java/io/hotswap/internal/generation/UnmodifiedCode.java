package io.hotswap.internal.generation;

import io.vertx.core.internal.ContextInternal;

/**
 * What a generation needs to run unmodified Vert.x code (compat mode): the context such a verticle
 * is deployed with, whose {@code owner()} is a facade that binds its servers and consumers to host
 * endpoints, and what its start failures mean. Implemented by {@code internal.compat}, which builds
 * on this package; the generation only calls it, so the two packages depend one way.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface UnmodifiedCode {

  /**
   * The context an unmodified verticle instance is deployed with.
   *
   * @param pinned the instance's context, pinned to its lane
   * @param scope what the generation's instances share
   * @param bindings the instance's bindings to host endpoints
   */
  ContextInternal context(ContextInternal pinned, GenerationScope scope, InstanceBindings bindings);

  /** {@code failure} of an unmodified verticle's start, with what it means under hotswap. */
  Throwable explain(Throwable failure);
}
