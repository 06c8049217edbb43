package io.hotswap.catalogue;

import java.util.List;

/**
 * Catalogue app 8: {@code route.blockingHandler} (ordered and not) and {@code executeBlocking}: the
 * work runs on a worker thread and the answer comes back on the caller's context.
 */
class BlockingIT extends CatalogueTest {

  @Override
  CatalogueApp app() {
    return CatalogueApp.of("blocking", "app.blocking.MainVerticle");
  }

  @Override
  List<Call> script() {
    return List.of(
        Call.get("/blocking"),
        Call.get("/blocking-unordered"),
        Call.get("/execute"),
        Call.get("/execute-fails"));
  }

  @Override
  String loadPath() {
    return "/execute";
  }
}
