package io.hotswap.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Catalogue app 2: pages rendered by the FreeMarker template engine of vertx-web from templates on
 * the classpath, by {@code engine.render} and by a {@code TemplateHandler}. After the reload the
 * changed templates render fresh.
 */
class TemplatesIT extends CatalogueTest {

  @Override
  CatalogueApp app() {
    return CatalogueApp.of("templates", "app.templ.MainVerticle");
  }

  @Override
  List<Call> script() {
    return List.of(
        Call.get("/hello/world"),
        Call.get("/hello/%3Cb%3E"),
        Call.get("/pages/about.ftl"),
        Call.get("/pages/"),
        Call.get("/pages/missing.ftl"),
        Call.get("/broken"));
  }

  @Override
  String loadPath() {
    return "/hello/load";
  }

  @Override
  void afterReload(AppClient hotswap) {
    assertThat(hotswap.send(Call.get("/hello/after")).body())
        .contains("Hello, after!")
        .contains("template v2, rendered by v2");
    assertThat(hotswap.send(Call.get("/pages/about.ftl")).body()).contains("About v2");
  }
}
