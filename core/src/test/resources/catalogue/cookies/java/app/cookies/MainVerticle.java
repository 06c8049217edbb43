package app.cookies;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import java.util.stream.Collectors;

/** Sets, lists and removes cookies. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/cookies").handler(ctx -> ctx.response().end(VERSION + " cookies: "
        + ctx.request().cookies().stream()
            .map(cookie -> cookie.getName() + "=" + cookie.getValue())
            .sorted()
            .collect(Collectors.joining(","))));
    router.get("/cookies/set").handler(ctx -> {
      String name = ctx.request().getParam("name");
      String value = ctx.request().getParam("value");
      ctx.response().addCookie(Cookie.cookie(name, value)
          .setPath("/")
          .setHttpOnly(true)
          .setMaxAge(3600)
          .setSameSite(CookieSameSite.STRICT));
      ctx.response().end(VERSION + " set " + name);
    });
    router.get("/cookies/remove").handler(ctx -> {
      String name = ctx.request().getParam("name");
      ctx.response().removeCookie(name);
      ctx.response().end(VERSION + " removed " + name);
    });
    router.get("/cookies/get/:name").handler(ctx -> {
      Cookie cookie = ctx.request().getCookie(ctx.pathParam("name"));
      if (cookie == null) {
        ctx.response().setStatusCode(404).end("no cookie " + ctx.pathParam("name"));
      } else {
        ctx.response().end(cookie.getValue());
      }
    });
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(Integer.getInteger("http.port", 8080));
  }
}
