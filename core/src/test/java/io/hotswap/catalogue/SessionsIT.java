package io.hotswap.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Catalogue app 3: a session counter with {@code LocalSessionStore} and {@code SessionHandler}. A
 * session opened on version 1 continues its count on version 2 with the same cookie.
 */
class SessionsIT extends CatalogueTest {
  private AppClient sessionBeforeReload;

  @Override
  CatalogueApp app() {
    return CatalogueApp.of("sessions", "app.sessions.MainVerticle");
  }

  @Override
  List<Call> script() {
    return List.of(
        Call.get("/hello"),
        Call.get("/count"),
        Call.get("/count"),
        Call.get("/name?set=ada"),
        Call.get("/count"),
        Call.get("/name"),
        Call.get("/logout"),
        Call.get("/count"),
        Call.get("/name"));
  }

  @Override
  String loadPath() {
    return "/hello";
  }

  @Override
  void beforeReload(AppClient hotswap) {
    sessionBeforeReload = new AppClient(clientVertx, hotswap.port());
    for (int i = 1; i <= 3; i++) {
      assertThat(sessionBeforeReload.send(Call.get("/count")).body()).isEqualTo("v1 count=" + i);
    }
    assertThat(sessionBeforeReload.cookies()).containsKey("vertx-web.session");
  }

  @Override
  void afterReload(AppClient hotswap) {
    assertThat(sessionBeforeReload.send(Call.get("/count")).body())
        .as("the session of version 1 continues on version 2")
        .isEqualTo("v2 count=4");
    sessionBeforeReload.close();
    AppClient fresh = new AppClient(clientVertx, hotswap.port());
    assertThat(fresh.send(Call.get("/count")).body()).isEqualTo("v2 count=1");
    fresh.close();
  }
}
