package io.hotswap.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.Harness;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Catalogue app 10: a tree of {@code deployVerticle} calls three levels deep (by name, by class, by
 * instance, each with its config) and a periodic timer on level 2.
 */
class DeploymentTreeIT extends CatalogueTest {

  @Override
  CatalogueApp app() {
    return CatalogueApp.of("tree", "app.tree.MainVerticle");
  }

  @Override
  List<Call> script() {
    return List.of(
        Call.get("/tree"), Call.get("/levels"), Call.get("/ticks"), Call.get("/deployments"));
  }

  @Override
  void compareMore(Differential diff) {
    for (String address : List.of("tree.level1", "tree.level2")) {
      diff.compare("bus " + address, ask(plain.vertx(), address), ask(host.vertx(), address));
    }
  }

  private static String ask(Vertx vertx, String address) {
    return Harness.await(vertx.eventBus().<String>request(address, "").map(reply -> reply.body()));
  }

  @Override
  String loadPath() {
    return "/tree";
  }

  @Override
  void afterReload(AppClient hotswap) {
    assertThat(hotswap.send(Call.get("/tree")).body()).isEqualTo("v2 main>level1>level2>level3");
    assertThat(hotswap.send(Call.get("/levels")).body())
        .isEqualTo("main>level1 v2 | main>level1>level2 v2");
    assertThat(hotswap.send(Call.get("/ticks")).body()).isEqualTo("v2 ticking");
    assertThat(ask(host.vertx(), "tree.level2")).isEqualTo("main>level1>level2 v2");
  }
}
