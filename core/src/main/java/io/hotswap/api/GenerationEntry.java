package io.hotswap.api;

import io.vertx.core.ThreadingModel;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link io.vertx.core.Deployable} (a {@code VerticleBase} or {@code AbstractVerticle}) as
 * an entry point of a generation: every reload deploys it from the new snapshot, and it binds its
 * handlers to host endpoints through {@link Bindings#of(io.vertx.core.Context)} in its start.
 *
 * <p>The class needs a public no-argument constructor. Each instance runs on a context of its own
 * generation, pinned to one host event loop (a <em>lane</em>), so a request accepted on that lane
 * reaches the instance without a thread hop.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GenerationEntry {

  /**
   * How many instances to deploy; {@code 0}, the default, deploys one per host lane. More instances
   * than lanes are refused: two instances on one lane would gain nothing.
   */
  int instances() default 0;

  /** The threading model of the instances' contexts, as in {@code DeploymentOptions}. */
  ThreadingModel threadingModel() default ThreadingModel.EVENT_LOOP;
}
