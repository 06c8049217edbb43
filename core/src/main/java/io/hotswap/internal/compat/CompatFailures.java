package io.hotswap.internal.compat;

/**
 * Turns the failures that unmodified Vert.x code meets inside a generation into messages that say
 * what is not supported and what to do instead.
 *
 * <p>Stateless.
 */
public final class CompatFailures {
  private CompatFailures() {}

  /** {@code failure}, or a clearer failure with it as cause. */
  public static Throwable explain(Throwable failure) {
    if (failure instanceof ClassCastException
        && failure.getMessage() != null
        && failure.getMessage().contains(GenerationVertx.class.getName())) {
      return new UnsupportedOperationException(
          "the application casts its Vert.x instance to an implementation class ("
              + failure.getMessage()
              + "); inside a hotswap generation 'vertx' is a facade that implements"
              + " io.vertx.core.internal.VertxInternal: cast to that interface, or use the public"
              + " API",
          failure);
    }
    if (failure instanceof ClassCastException
        && failure.getMessage() != null
        && (failure.getMessage().contains(BoundHttpServer.class.getName())
            || failure.getMessage().contains("com.sun.proxy")
            || failure.getMessage().contains("jdk.proxy"))) {
      return new UnsupportedOperationException(
          "the application casts a Vert.x server, event bus or context to an implementation"
              + " class ("
              + failure.getMessage()
              + "); inside a hotswap generation these are host facades: use the public API",
          failure);
    }
    return failure;
  }
}
