package app.pg;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Notes kept in PostgreSQL through the reactive pg client. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  private Pool pool;

  @Override
  public Future<?> start() {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost("127.0.0.1")
        .setPort(Integer.getInteger("pg.port", 5432))
        .setDatabase(System.getProperty("pg.database", "notes"))
        .setUser(System.getProperty("pg.user", "postgres"));
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect).using(vertx).build();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.get("/health").handler(ctx -> pool.query("SELECT 1 AS one").execute()
        .onSuccess(rows -> ctx.response().end(VERSION + " db=" + rows.iterator().next().getInteger("one")))
        .onFailure(ctx::fail));
    router.post("/notes").handler(ctx -> {
      String text = ctx.body().asJsonObject().getString("text");
      pool.preparedQuery("INSERT INTO notes (text, version) VALUES ($1, $2) RETURNING id, text, version")
          .execute(Tuple.of(text, VERSION))
          .onSuccess(rows -> ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
              .end(json(rows.iterator().next()).encode()))
          .onFailure(ctx::fail);
    });
    router.get("/notes").handler(ctx -> pool.query("SELECT id, text, version FROM notes ORDER BY id").execute()
        .onSuccess(rows -> {
          JsonArray notes = new JsonArray();
          rows.forEach(row -> notes.add(json(row)));
          ctx.json(notes);
        })
        .onFailure(ctx::fail));
    router.get("/notes/:id").handler(ctx -> pool.preparedQuery("SELECT id, text, version FROM notes WHERE id = $1")
        .execute(Tuple.of(Integer.parseInt(ctx.pathParam("id"))))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.response().setStatusCode(404).end("no note " + ctx.pathParam("id"));
          } else {
            ctx.json(json(rows.iterator().next()));
          }
        })
        .onFailure(ctx::fail));
    router.get("/broken-sql").handler(ctx -> pool.query("SELECT nope FROM nowhere").execute()
        .onSuccess(rows -> ctx.response().end("unexpected"))
        .onFailure(failure -> ctx.response().setStatusCode(500).end(VERSION + " sql failed: "
            + failure.getClass().getSimpleName())));
    return pool.query("CREATE TABLE IF NOT EXISTS notes (id SERIAL PRIMARY KEY, text TEXT NOT NULL, version TEXT NOT NULL)")
        .execute()
        .compose(created -> vertx.createHttpServer()
            .requestHandler(router)
            .listen(Integer.getInteger("http.port", 8080)));
  }

  private static JsonObject json(Row row) {
    return new JsonObject()
        .put("id", row.getInteger("id"))
        .put("text", row.getString("text"))
        .put("version", row.getString("version"));
  }
}
