package io.hotswap.catalogue;

import io.vertx.core.http.HttpMethod;
import java.util.List;

/**
 * Catalogue app 7: a JSON REST API with {@code BodyHandler}: create, read, update, delete, errors.
 */
class RestApiIT extends CatalogueTest {

  @Override
  CatalogueApp app() {
    return CatalogueApp.of("rest", "app.rest.MainVerticle");
  }

  @Override
  List<Call> script() {
    return List.of(
        Call.get("/api/version"),
        Call.get("/api/items"),
        Call.postJson("/api/items", "{\"name\":\"pear\",\"price\":1.5,\"tags\":[\"fruit\"]}"),
        Call.postJson("/api/items", "{\"name\":\"plum\",\"nested\":{\"a\":null}}"),
        Call.postJson("/api/items", "{\"price\":2}"),
        Call.postJson("/api/items", "{not json"),
        Call.postJson("/api/items", ""),
        Call.get("/api/items"),
        Call.get("/api/items/1"),
        Call.get("/api/items/99"),
        Call.get("/api/items/abc"),
        Call.send(HttpMethod.PUT, "/api/items/2", "application/json", "{\"name\":\"prune\"}"),
        Call.send(HttpMethod.PUT, "/api/items/7", "application/json", "{\"name\":\"x\"}"),
        Call.delete("/api/items/1"),
        Call.delete("/api/items/1"),
        Call.get("/api/items"),
        Call.get("/api/boom"),
        Call.send(HttpMethod.PATCH, "/api/items/2", "application/json", "{}"),
        Call.get("/nowhere"));
  }

  @Override
  String loadPath() {
    return "/api/version";
  }
}
