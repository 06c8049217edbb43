package io.hotswap.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Catalogue app 11: JSON POJOs through {@code JsonObject.mapTo}/{@code mapFrom}, sent over the
 * event bus with the application's own default codec ({@code registerDefaultCodec}) and a named
 * codec ({@code registerCodec}); version 2 registers the same codecs again, as every start does.
 */
class PojoCodecIT extends CatalogueTest {

  @Override
  CatalogueApp app() {
    return CatalogueApp.of("pojo", "app.pojo.MainVerticle");
  }

  @Override
  List<Call> script() {
    return List.of(
        Call.get("/version"),
        Call.postJson("/greet", "{\"name\":\"Ada\",\"tags\":[\"vip\"]}"),
        Call.postJson("/greet", "{\"name\":\"Bob\"}"),
        Call.postJson("/greet", "{\"name\":\"Eve\",\"unknown\":1}"),
        Call.get("/shout/hello"));
  }

  @Override
  String loadPath() {
    return "/version";
  }

  @Override
  void afterReload(AppClient hotswap) {
    assertThat(new JsonObject(hotswap.send(Call.postJson("/greet", "{\"name\":\"Cy\"}")).body()))
        .isEqualTo(
            new JsonObject()
                .put("name", "Cy")
                .put("message", "Hello, Cy!")
                .put("version", "v2")
                .put("tags", List.of("greeted")));
    assertThat(hotswap.send(Call.get("/shout/again")).body()).isEqualTo("v2 AGAIN!");
  }
}
