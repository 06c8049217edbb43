package io.hotswap.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.Harness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Catalogue app 9: a worker verticle ({@code ThreadingModel.WORKER}) answering over the event bus,
 * asked over HTTP and directly on the bus.
 */
class WorkerVerticleIT extends CatalogueTest {

  @Override
  CatalogueApp app() {
    return CatalogueApp.of("worker", "app.worker.MainVerticle");
  }

  @Override
  List<Call> script() {
    return List.of(Call.get("/compute/10"), Call.get("/compute/0"), Call.get("/compute/x"));
  }

  @Override
  void compareMore(Differential diff) {
    diff.compare("bus worker.compute {n:100}", ask(plain.vertx()), ask(host.vertx()));
  }

  private static String ask(Vertx vertx) {
    return Harness.await(
        vertx
            .eventBus()
            .<JsonObject>request("worker.compute", new JsonObject().put("n", 100))
            .map(reply -> reply.body().encode()));
  }

  @Override
  String loadPath() {
    return "/compute/5";
  }

  @Override
  void afterReload(AppClient hotswap) {
    assertThat(new JsonObject(hotswap.send(Call.get("/compute/3")).body()))
        .isEqualTo(
            new JsonObject()
                .put("version", "v2")
                .put("n", 3)
                .put("sum", 6)
                .put("worker", true)
                .put("threadingModel", "WORKER")
                .put("thread", "vert.x-worker-thread"));
    assertThat(ask(host.vertx())).contains("\"version\":\"v2\"");
  }
}
