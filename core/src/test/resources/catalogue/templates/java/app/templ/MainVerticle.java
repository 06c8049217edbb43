package app.templ;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.TemplateHandler;
import io.vertx.ext.web.templ.freemarker.FreeMarkerTemplateEngine;
import java.util.List;

/** Pages rendered by the FreeMarker template engine from templates on the classpath. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  @Override
  public Future<?> start() {
    FreeMarkerTemplateEngine engine = FreeMarkerTemplateEngine.create(vertx);
    Router router = Router.router(vertx);
    router.get("/hello/:name").handler(ctx -> {
      JsonObject data = new JsonObject()
          .put("name", ctx.pathParam("name"))
          .put("version", VERSION)
          .put("items", List.of("apple", "pear", "plum"));
      engine.render(data, "templates/hello.ftl")
          .onSuccess(page -> ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(page))
          .onFailure(ctx::fail);
    });
    router.get("/broken").handler(ctx -> engine.render(new JsonObject(), "templates/missing.ftl")
        .onSuccess(page -> ctx.response().end(page))
        .onFailure(failure -> ctx.response().setStatusCode(500).end("template failed")));
    Router pages = Router.router(vertx);
    pages.route().handler(ctx -> {
      ctx.put("version", VERSION);
      ctx.next();
    });
    pages.route().handler(TemplateHandler.create(engine, "templates/pages", "text/html"));
    router.route("/pages/*").subRouter(pages);
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(Integer.getInteger("http.port", 8080));
  }
}
