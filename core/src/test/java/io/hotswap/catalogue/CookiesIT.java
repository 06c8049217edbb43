package io.hotswap.catalogue;

import java.util.List;

/** Catalogue app 4: cookies set (with attributes), read back, looked up and removed. */
class CookiesIT extends CatalogueTest {

  @Override
  CatalogueApp app() {
    return CatalogueApp.of("cookies", "app.cookies.MainVerticle");
  }

  @Override
  List<Call> script() {
    return List.of(
        Call.get("/cookies"),
        Call.get("/cookies/set?name=flavour&value=oat"),
        Call.get("/cookies/set?name=size&value=large"),
        Call.get("/cookies"),
        Call.get("/cookies/get/flavour"),
        Call.get("/cookies/get/nothing"),
        Call.get("/cookies/remove?name=flavour"),
        Call.get("/cookies"),
        Call.get("/cookies").header("cookie", "a=1; b=two; c=\"quoted\""));
  }

  @Override
  String loadPath() {
    return "/cookies";
  }
}
