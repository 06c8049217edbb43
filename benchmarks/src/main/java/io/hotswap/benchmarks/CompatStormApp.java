package io.hotswap.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The unmodified Vert.x application {@link CompatReloadStorm} reloads: a vertx-web {@code Router}
 * in ONE verticle instance (so on a host with more event loops most requests are handed to that
 * instance's loop), a route answered through an event-bus request/reply service, and no hotswap
 * import. Compiled with {@code javax.tools} against the running class path.
 *
 * <p>Stateless and thread-safe.
 */
final class CompatStormApp {
  /** The main verticle's class name. */
  static final String MAIN = "storm.app.MainVerticle";

  /** The body of {@code GET /hello}. */
  static final String HELLO = "hello";

  private static final String MAIN_SOURCE =
      """
      package storm.app;

      import io.vertx.core.AbstractVerticle;
      import io.vertx.core.Promise;
      import io.vertx.ext.web.Router;

      public class MainVerticle extends AbstractVerticle {
        @Override
        public void start(Promise<Void> startPromise) {
          vertx.eventBus().<String>consumer("storm.echo", m -> m.reply("echo:" + m.body()));
          Router router = Router.router(vertx);
          router.get("/hello").handler(ctx -> ctx.response().end("hello"));
          router.get("/echo/:msg").handler(ctx -> vertx.eventBus()
              .<String>request("storm.echo", ctx.pathParam("msg"))
              .onSuccess(reply -> ctx.response().end(reply.body()))
              .onFailure(ctx::fail));
          vertx.createHttpServer().requestHandler(router).listen(0)
              .<Void>mapEmpty().onComplete(startPromise);
        }
      }
      """;

  private CompatStormApp() {}

  /** Compiles the application into a fresh directory and returns it. */
  static Path compile() {
    try {
      Path sources = BenchPaths.freshDir("compat-storm-src-");
      Path out = BenchPaths.freshDir("compat-storm-classes-");
      Path file = sources.resolve("storm/app/MainVerticle.java");
      Files.createDirectories(file.getParent());
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        writer.write(MAIN_SOURCE);
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      if (javac == null) {
        throw new IllegalStateException("no system Java compiler: run the benchmarks on a JDK");
      }
      List<String> args = new ArrayList<>();
      args.addAll(
          List.of(
              "-proc:none",
              "-nowarn",
              "--release",
              "17",
              "-d",
              out.toString(),
              "-cp",
              System.getProperty("java.class.path"),
              file.toString()));
      int status = javac.run(null, null, System.err, args.toArray(String[]::new));
      if (status != 0) {
        throw new IllegalStateException("javac failed (" + status + ") compiling " + file);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
