package sample;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;

/** GET /hello answers the version of {@link Greeting}. */
public class MainVerticle extends VerticleBase {
  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/hello").handler(context -> context.end(Greeting.version()));
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(config().getInteger("http.port", 8080));
  }
}
