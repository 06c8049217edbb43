package sample;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;

/** GET /hello answers the version of {@link Greeting}, read when the verticle starts. */
public class MainVerticle extends VerticleBase {
  @Override
  public Future<?> start() {
    // Read at start: a Greeting that throws fails the start of its version, not its requests.
    String version = Greeting.version();
    Router router = Router.router(vertx);
    router.get("/hello").handler(context -> context.end(version));
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(config().getInteger("http.port", 8080));
  }
}
