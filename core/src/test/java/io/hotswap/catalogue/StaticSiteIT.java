package io.hotswap.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Catalogue app 1: a static site from the classpath ({@code StaticHandler.create("webroot")},
 * index.html, css, a sub-directory) and {@code sendFile} of a classpath file. After the reload the
 * changed static files are served fresh.
 */
class StaticSiteIT extends CatalogueTest {

  @Override
  CatalogueApp app() {
    return CatalogueApp.of("static-site", "app.site.MainVerticle");
  }

  @Override
  List<Call> script() {
    return List.of(
        Call.get("/version"),
        Call.get("/"),
        Call.get("/index.html"),
        Call.head("/index.html"),
        Call.get("/css/site.css"),
        Call.get("/robots.txt"),
        Call.get("/docs/"),
        Call.get("/docs/guide.html"),
        Call.get("/docs/missing.html"),
        Call.get("/missing.html"),
        Call.get("/../files/report.txt"),
        Call.get("/report"),
        Call.get("/report.csv"));
  }

  @Override
  String loadPath() {
    return "/index.html";
  }

  @Override
  void afterReload(AppClient hotswap) {
    assertThat(hotswap.send(Call.get("/")).body()).contains("Static site v2");
    assertThat(hotswap.send(Call.get("/css/site.css")).body()).contains("site style v2");
    assertThat(hotswap.send(Call.get("/docs/guide.html")).body()).contains("Guide v2");
    assertThat(hotswap.send(Call.get("/report")).body()).startsWith("report v2");
  }
}
