package app.blocking;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Blocking route handlers and executeBlocking. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/blocking").blockingHandler(ctx -> {
      sleep(5);
      ctx.response().end(VERSION + " blockingHandler worker=" + Context.isOnWorkerThread()
          + " eventLoop=" + Context.isOnEventLoopThread()
          + " thread=" + Thread.currentThread().getName().replaceAll("-\\d+$", ""));
    });
    router.get("/blocking-unordered").blockingHandler(ctx -> {
      sleep(5);
      ctx.response().end(VERSION + " unordered worker=" + Context.isOnWorkerThread());
    }, false);
    router.get("/execute").handler(ctx -> {
      Context caller = Vertx.currentContext();
      vertx.executeBlocking(() -> {
        sleep(5);
        return VERSION + " executeBlocking worker=" + Context.isOnWorkerThread()
            + " thread=" + Thread.currentThread().getName().replaceAll("-\\d+$", "");
      }).onSuccess(result -> ctx.response().end(result
          + " then eventLoop=" + Context.isOnEventLoopThread()
          + " sameContext=" + (Vertx.currentContext() == caller)))
        .onFailure(ctx::fail);
    });
    router.get("/execute-fails").handler(ctx -> vertx.<String>executeBlocking(() -> {
          throw new IllegalArgumentException("no such thing");
        }, false)
        .onSuccess(result -> ctx.response().end(result))
        .onFailure(failure -> ctx.response().setStatusCode(409).end(VERSION + " " + failure.getMessage())));
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(Integer.getInteger("http.port", 8080));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
