package app.launcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;

/** The main verticle; its configuration comes from the launcher's --conf. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  @Override
  public Future<?> start() {
    String greeting = config().getString("greeting", "hello");
    Router router = Router.router(vertx);
    router.get("/hello").handler(ctx -> ctx.response().end(greeting + " from launcher app " + VERSION));
    router.get("/config").handler(ctx -> ctx.json(config()));
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(config().getInteger("http.port", Integer.getInteger("http.port", 8080)));
  }
}
