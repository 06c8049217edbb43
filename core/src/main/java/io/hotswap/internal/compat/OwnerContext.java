package io.hotswap.internal.compat;

import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The context handed to an unmodified verticle's {@code deploy}: the instance's real context in
 * every respect except {@code owner()}, which is the generation's {@link GenerationVertx}. {@code
 * AbstractVerticle} and {@code VerticleBase} take their {@code vertx} field from {@code
 * context.owner()} in a final {@code deploy}, so this is how the verticle gets the facade (Vert.x
 * 5.0.7's {@code ContextImpl#owner()} always answers the real instance, and its contexts are not
 * built with another owner).
 *
 * <p>Stateless; the proxies are as thread-safe as the context they wrap.
 */
public final class OwnerContext {
  private OwnerContext() {}

  /** A view of {@code real} whose {@code owner()} is {@code owner}. */
  public static ContextInternal of(ContextInternal real, VertxInternal owner) {
    return (ContextInternal)
        Proxy.newProxyInstance(
            ContextInternal.class.getClassLoader(),
            new Class<?>[] {ContextInternal.class},
            (proxy, method, args) -> {
              if (method.getParameterCount() == 0 && method.getName().equals("owner")) {
                return owner;
              }
              if (method.getName().equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0] || real.equals(args[0]);
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
