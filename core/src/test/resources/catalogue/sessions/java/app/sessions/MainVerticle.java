package app.sessions;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;

/** A per-session counter in a LocalSessionStore. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/hello").handler(ctx -> ctx.response().end("sessions " + VERSION));
    router.route().handler(SessionHandler.create(LocalSessionStore.create(vertx)));
    router.get("/count").handler(ctx -> {
      Session session = ctx.session();
      Integer count = session.get("count");
      count = count == null ? 1 : count + 1;
      session.put("count", count);
      ctx.response().end(VERSION + " count=" + count);
    });
    router.get("/name").handler(ctx -> {
      String name = ctx.request().getParam("set");
      if (name != null) {
        ctx.session().put("name", name);
      }
      ctx.response().end(VERSION + " name=" + ctx.session().get("name"));
    });
    router.get("/logout").handler(ctx -> {
      ctx.session().destroy();
      ctx.response().end(VERSION + " bye");
    });
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(Integer.getInteger("http.port", 8080));
  }
}
