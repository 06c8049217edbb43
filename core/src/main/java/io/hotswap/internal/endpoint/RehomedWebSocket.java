package io.hotswap.internal.endpoint;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.ContextInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host {@link ServerWebSocket} as seen by the generation that accepted it: every handler the
 * generation sets runs on the generation's context (so timers and consumers it creates there die
 * with it, and its classloader is the context classloader), and every future the socket returns
 * completes on that context. The socket stays with that generation until it closes; the close
 * handler the generation sets is chained after the host's in-flight bookkeeping.
 *
 * <p>A proxy: the interface is large and every method follows one of three rules (wrap handler
 * arguments, re-home returned futures, return the proxy for {@code this}). Thread-safe as the
 * socket is.
 */
final class RehomedWebSocket {
  private static final Logger LOG = LoggerFactory.getLogger(RehomedWebSocket.class);

  private RehomedWebSocket() {}

  /**
   * Wraps {@code socket} for {@code context}; {@code closed} runs (on the socket's thread) when it
   * closes, before the generation's own close handler.
   */
  static ServerWebSocket of(ServerWebSocket socket, ContextInternal context, Runnable closed) {
    socket.closeHandler(v -> closed.run());
    return (ServerWebSocket)
        Proxy.newProxyInstance(
            ServerWebSocket.class.getClassLoader(),
            new Class<?>[] {ServerWebSocket.class},
            (proxy, method, args) -> {
              if (method.getName().equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0];
              }
              Object[] actual = args;
              if (args != null) {
                actual = args.clone();
                for (int i = 0; i < actual.length; i++) {
                  if (actual[i] instanceof Handler<?> handler) {
                    actual[i] = onContext(handler, context, method.getName());
                  }
                }
                if (method.getName().equals("closeHandler")) {
                  @SuppressWarnings("unchecked")
                  Handler<Void> generation = (Handler<Void>) actual[0];
                  actual[0] =
                      (Handler<Void>)
                          v -> {
                            closed.run();
                            if (generation != null) {
                              generation.handle(v);
                            }
                          };
                }
              }
              Object result;
              try {
                result = method.invoke(socket, actual);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (result == socket) {
                return proxy;
              }
              if (result instanceof Future<?> future) {
                Promise<Object> rehomed = context.promise();
                future.onComplete(
                    (value, failure) -> {
                      if (failure == null) {
                        rehomed.tryComplete(value);
                      } else {
                        rehomed.tryFail(failure);
                      }
                    });
                return rehomed.future();
              }
              return result;
            });
  }

  private static <T> Handler<T> onContext(
      Handler<T> handler, ContextInternal context, String what) {
    return event ->
        OnContext.emit(
            context,
            event,
            e -> {
              try {
                handler.handle(e);
              } catch (RuntimeException failure) {
                LOG.error("a WebSocket {} of the generation threw", what, failure);
              }
            });
  }
}
