package app.site;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/** A static site served from the classpath, and one file sent with sendFile. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/version").handler(ctx -> ctx.response().end("static-site " + VERSION));
    router.get("/report").handler(ctx -> ctx.response().sendFile("files/report.txt"));
    router.get("/report.csv").handler(ctx -> ctx.response()
        .putHeader("content-type", "text/csv")
        .putHeader("content-disposition", "attachment; filename=report.csv")
        .sendFile("files/report.txt"));
    router.route("/*").handler(StaticHandler.create("webroot"));
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(Integer.getInteger("http.port", 8080));
  }
}
