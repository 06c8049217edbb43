package app.tree;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;

/** Level 3: the HTTP server. */
public class Level3 extends VerticleBase {

  @Override
  public Future<?> start() {
    String path = config().getString("path");
    Router router = Router.router(vertx);
    router.get("/tree").handler(ctx -> ctx.response().end(MainVerticle.VERSION + " " + path));
    router.get("/levels").handler(ctx -> Future.all(
            vertx.eventBus().<String>request("tree.level1", ""),
            vertx.eventBus().<String>request("tree.level2", ""))
        .onSuccess(all -> ctx.response().end(all.<io.vertx.core.eventbus.Message<String>>resultAt(0).body()
            + " | " + all.<io.vertx.core.eventbus.Message<String>>resultAt(1).body()))
        .onFailure(ctx::fail));
    router.get("/ticks").handler(ctx -> {
      long start = Level2.TICKS.get();
      vertx.setTimer(300, id -> ctx.response().end(MainVerticle.VERSION
          + (Level2.TICKS.get() > start ? " ticking" : " not ticking")));
    });
    router.get("/deployments").handler(ctx -> ctx.response().end(MainVerticle.VERSION
        + " own deployment listed=" + vertx.deploymentIDs().contains(context.deploymentID())));
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(Integer.getInteger("http.port", 8080));
  }
}
