package io.hotswap.benchmarks;

import java.nio.file.Path;

/**
 * The unmodified Vert.x application {@link CompatReloadStorm} reloads: a vertx-web {@code Router}
 * in ONE verticle instance (so on a host with more event loops most requests are handed to that
 * instance's loop), a route answered through an event-bus request/reply service, and no hotswap
 * import. Compiled with {@code javax.tools} against the running class path.
 *
 * <p>Stateless and thread-safe.
 */
final class CompatStormApp {
  /** The main verticle's class name. */
  static final String MAIN = "storm.app.MainVerticle";

  /** The body of {@code GET /hello}. */
  static final String HELLO = "hello";

  private static final String MAIN_SOURCE =
      """
      package storm.app;

      import io.vertx.core.AbstractVerticle;
      import io.vertx.core.Promise;
      import io.vertx.ext.web.Router;

      public class MainVerticle extends AbstractVerticle {
        @Override
        public void start(Promise<Void> startPromise) {
          vertx.eventBus().<String>consumer("storm.echo", m -> m.reply("echo:" + m.body()));
          Router router = Router.router(vertx);
          router.get("/hello").handler(ctx -> ctx.response().end("hello"));
          router.get("/echo/:msg").handler(ctx -> vertx.eventBus()
              .<String>request("storm.echo", ctx.pathParam("msg"))
              .onSuccess(reply -> ctx.response().end(reply.body()))
              .onFailure(ctx::fail));
          vertx.createHttpServer().requestHandler(router).listen(0)
              .<Void>mapEmpty().onComplete(startPromise);
        }
      }
      """;

  private CompatStormApp() {}

  /** Compiles the application into a fresh directory and returns it. */
  static Path compile() {
    return AppCompiler.compile("compat-storm", MAIN, MAIN_SOURCE);
  }
}
