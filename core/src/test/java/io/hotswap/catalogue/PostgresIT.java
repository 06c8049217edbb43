package io.hotswap.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Catalogue app 13: notes in a real PostgreSQL (started by the test from the machine's binaries)
 * through {@code vertx-pg-client}. Each side has a database of its own, so both see the same rows;
 * the pool of a retired version is closed with it, and version 2 continues on the same table.
 */
class PostgresIT extends CatalogueTest {
  private PostgresServer postgres;

  @Override
  CatalogueApp app() {
    return CatalogueApp.of("postgres", "app.pg.MainVerticle");
  }

  @Override
  void configure(Side side) {
    if (postgres == null) {
      postgres = PostgresServer.start(freePort());
    }
    String database = "notes_" + side.name().toLowerCase();
    postgres.createDatabase(database);
    System.setProperty("pg.port", Integer.toString(postgres.port()));
    System.setProperty("pg.database", database);
  }

  @Override
  List<Call> script() {
    return List.of(
        Call.get("/health"),
        Call.get("/notes"),
        Call.postJson("/notes", "{\"text\":\"buy milk\"}"),
        Call.postJson("/notes", "{\"text\":\"caf\\u00e9 \\u2615 'quoted'\"}"),
        Call.get("/notes"),
        Call.get("/notes/2"),
        Call.get("/notes/42"),
        Call.get("/broken-sql"));
  }

  @Override
  String loadPath() {
    return "/health";
  }

  @Override
  void afterReload(AppClient hotswap) {
    assertThat(hotswap.send(Call.get("/health")).body()).isEqualTo("v2 db=1");
    assertThat(hotswap.send(Call.postJson("/notes", "{\"text\":\"after\"}")).body())
        .isEqualTo("{\"id\":3,\"text\":\"after\",\"version\":\"v2\"}");
    assertThat(hotswap.send(Call.get("/notes")).body())
        .startsWith("[{\"id\":1,\"text\":\"buy milk\",\"version\":\"v1\"}");
  }

  @AfterAll
  void stopPostgres() {
    System.clearProperty("pg.port");
    System.clearProperty("pg.database");
    if (postgres != null) {
      postgres.close();
    }
  }
}
