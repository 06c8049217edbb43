package io.hotswap.testing;

import io.hotswap.loader.testing.JavaSourceCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reloadable fixture applications, compiled with {@code javax.tools} into temp dirs: a real
 * generation entry (fixture.app.App) that binds the HTTP endpoint {@code api} and the event-bus
 * endpoint {@code greeter}, in good versions and in every broken variant the tests need.
 *
 * <p>Not thread-safe: use it from the test thread.
 */
public enum Fixture {
  /** Good version 1. */
  V1("v1", ""),
  /** Good version 2. */
  V2("v2", ""),
  /** Version 2 with App.class cut in half: ClassFormatError at load. */
  TRUNCATED_CLASS("v2", ""),
  /** start() throws. */
  START_THROWS("v2", "if (true) { throw new IllegalStateException(\"boom in start\"); }"),
  /** start() returns a future that never completes. */
  START_NEVER_COMPLETES("v2", "if (true) { return io.vertx.core.Promise.promise().future(); }"),
  /** start() uses a class that is missing from the build. */
  MISSING_CLASS("v2", "fixture.app.Helper.help();"),
  /** A class whose method returns a type that is no longer a subtype: VerifyError at link. */
  VERIFY_ERROR("v2", ""),
  /** Good version 3. */
  V3("v3", ""),
  /**
   * Version 3 whose start fails on the cluster node started with {@code -Dhotswap.node=node-b}: new
   * code that needs configuration one node lacks.
   */
  V3_FAILS_ON_NODE_B(
      "v3",
      "if (\"node-b\".equals(System.getProperty(\"hotswap.node\"))) { throw new"
          + " IllegalStateException(\"v3 needs the setting node-b lacks\"); }"),
  /** Version 2 that pins its own class from a host static: must end LEAKED. */
  PINS_ITSELF("v2", "io.hotswap.testing.Probe.pin(getClass());"),
  /** Version 1 plus the gateway entry (fixture.app.Chat) on endpoints chat, line and events. */
  GATEWAY_V1("v1", ""),
  /** Version 2 plus the gateway entry. */
  GATEWAY_V2("v2", ""),
  /** Version 1 that hands its state over in format "1": items as a comma-separated string. */
  STATEFUL_V1(
      "v1",
      "",
      """
      bindings.handOff(new io.hotswap.api.StateHandOff() {
        public String version() { return "1"; }
        public Future<JsonObject> exportState() {
          return Future.succeededFuture(new JsonObject().put("items", "apple,pear"));
        }
      });
      """),
  /** Version 2 that imports format "1" by migrating it to format "2" (a JSON array). */
  STATEFUL_V2(
      "v2",
      "",
      """
      bindings.handOff(new io.hotswap.api.StateHandOff() {
        public String version() { return "2"; }
        public Future<Void> importState(JsonObject state, String fromVersion) {
          io.vertx.core.json.JsonArray items = fromVersion.equals("1")
              ? new io.vertx.core.json.JsonArray(
                  java.util.Arrays.asList((Object[]) state.getString("items").split(",")))
              : state.getJsonArray("items");
          IMPORTED.set(new JsonObject().put("from", fromVersion).put("items", items).encode());
          return Future.succeededFuture();
        }
      });
      """),
  /** Version 2 whose state import fails. */
  IMPORT_FAILS(
      "v2",
      "",
      """
      bindings.handOff(new io.hotswap.api.StateHandOff() {
        public String version() { return "2"; }
        public Future<Void> importState(JsonObject state, String fromVersion) {
          return Future.failedFuture("cannot migrate state version " + fromVersion);
        }
      });
      """),
  /** Version 2 whose health check fails. */
  HEALTH_FAILS(
      "v2", "", "bindings.healthCheck(() -> Future.failedFuture(\"database not reachable\"));"),
  /** Version 2 whose health check never completes. */
  HEALTH_HANGS("v2", "", "bindings.healthCheck(() -> io.vertx.core.Promise.promise().future());"),
  /** Version 2 that answers every request to / with a 500. */
  ERRORS("v2", "", "FAIL_ROOT.set(true);");

  private static final String APP =
      """
      package fixture.app;

      import io.hotswap.api.Bindings;
      import io.hotswap.api.GenerationEntry;
      import io.hotswap.testing.Probe;
      import io.vertx.core.Future;
      import io.vertx.core.VerticleBase;
      import io.vertx.core.Vertx;
      import io.vertx.core.http.HttpServerRequest;
      import io.vertx.core.internal.ContextInternal;
      import io.vertx.core.json.JsonObject;
      import java.util.concurrent.atomic.AtomicInteger;

      @GenerationEntry
      public class App extends VerticleBase {
        static final String VERSION = "%VERSION%";
        static final AtomicInteger HITS = new AtomicInteger();
        static final java.util.concurrent.atomic.AtomicReference<String> IMPORTED =
            new java.util.concurrent.atomic.AtomicReference<>("none");
        static final java.util.concurrent.atomic.AtomicBoolean FAIL_ROOT =
            new java.util.concurrent.atomic.AtomicBoolean();
        private io.hotswap.api.StateStore store;

        @Override
        public Future<?> start() {
          Probe.loaded(getClass().getClassLoader());
          %START%
          Bindings bindings = Bindings.of(context);
          long generation = bindings.generation();
          store = bindings.store();
          %AFTER_BINDINGS%
          bindings.http("api", request -> handle(request, generation));
          bindings.messages(
              "greeter",
              message -> message.reply(VERSION + " gen-" + generation + " " + message.body()));
          return Future.succeededFuture();
        }

        private void handle(HttpServerRequest request, long generation) {
          request
              .response()
              .putHeader("X-Generation", Long.toString(generation))
              .putHeader("X-Version", VERSION);
          switch (request.path()) {
            case "/slow" -> {
              long ms = Long.parseLong(request.getParam("ms"));
              vertx.setTimer(ms, t -> request.response().end(VERSION));
            }
            case "/stuck" -> {
              // never answers: only the drain timeout ends this request
            }
            case "/hits" -> request.response().end(Integer.toString(HITS.incrementAndGet()));
            case "/count" -> request.response().end(Long.toString(store.addAndGet("count", 1)));
            case "/imported" -> request.response().end(IMPORTED.get());
            case "/lazy" -> request.response().end(Lazy.describe());
            case "/context" -> {
              JsonObject report = new JsonObject().put("handler", contextReport());
              request
                  .body()
                  .onComplete(
                      body -> request.response().end(report.put("body", contextReport()).encode()));
            }
            case "/periodic" -> {
              vertx.setPeriodic(10, id -> Probe.tick(VERSION + "-periodic"));
              request.body().onComplete(b -> vertx.setPeriodic(10, id -> Probe.tick(VERSION + "-callback-periodic")));
              request.response().end("ok");
            }
            default -> {
              if (FAIL_ROOT.get()) {
                request.response().setStatusCode(500).end(VERSION + " is broken");
              } else {
                request.response().end(VERSION);
              }
            }
          }
        }

        private JsonObject contextReport() {
          ContextInternal current = (ContextInternal) Vertx.currentContext();
          return new JsonObject()
              .put("tcclIsGeneration",
                  Thread.currentThread().getContextClassLoader() == App.class.getClassLoader())
              .put("contextIsGeneration", current != null && current.unwrap() == context)
              .put("deploymentId", current == null ? null : current.deploymentID())
              .put("ownDeploymentId", context.deploymentID());
        }
      }
      """;

  private static final String CHAT =
      """
      package fixture.app;

      import io.hotswap.api.Bindings;
      import io.hotswap.api.Connection;
      import io.hotswap.api.ConnectionHandler;
      import io.hotswap.api.Gateway;
      import io.hotswap.api.GenerationEntry;
      import io.hotswap.testing.Probe;
      import io.vertx.core.Future;
      import io.vertx.core.VerticleBase;
      import io.vertx.core.buffer.Buffer;

      @GenerationEntry
      public class Chat extends VerticleBase {
        static final String VERSION = "%VERSION%";

        @Override
        public Future<?> start() {
          Probe.loaded(getClass().getClassLoader());
          Bindings bindings = Bindings.of(context);
          String tag = VERSION + " gen-" + bindings.generation();
          ConnectionHandler handler =
              new ConnectionHandler() {
                @Override
                public Future<?> onOpen(Connection connection) {
                  if (connection.get("opened-by") == null) {
                    connection.put("opened-by", tag);
                  }
                  return null;
                }

                @Override
                public Future<?> onMessage(Connection connection, Buffer message) {
                  return handle(bindings.gateway(connection.endpoint()), connection,
                      message.toString(), tag);
                }

                @Override
                public Future<?> onText(Connection connection, String message) {
                  return handle(bindings.gateway(connection.endpoint()), connection, message, tag);
                }
              };
          bindings.connections("chat", handler);
          bindings.connections("line", handler);
          bindings.connections("events", (connection, message) -> null);
          if (bindings.lane() == 0) {
            Gateway events = bindings.gateway("events");
            vertx.setPeriodic(20, id -> events.sendToAll(tag));
          }
          return Future.succeededFuture();
        }

        private static Future<?> handle(
            Gateway gateway, Connection connection, String text, String tag) {
          if (text.startsWith("join:")) {
            gateway.join(connection.id(), text.substring(5));
            return connection.send(tag + " joined " + text.substring(5));
          }
          if (text.startsWith("shout:")) {
            String[] parts = text.split(":", 3);
            return gateway
                .sendToGroup(parts[1], tag + " " + parts[1] + " " + parts[2])
                .compose(delivery -> connection.send(tag + " shouted " + delivery.reached()));
          }
          if (text.equals("who")) {
            return connection.send(tag + " opened-by " + connection.get("opened-by"));
          }
          if (text.startsWith("flood:")) {
            Buffer chunk = Buffer.buffer(new byte[32 * 1024]);
            int count = Integer.parseInt(text.substring(6));
            for (int i = 0; i < count && connection.isOpen(); i++) {
              connection.send(chunk).onFailure(failure -> Probe.tick("flood-refused"));
              Probe.max("pending", connection.pendingBytes());
            }
            return null;
          }
          return connection.send(tag + " " + text);
        }
      }
      """;

  private static final String LAZY =
      """
      package fixture.app;

      final class Lazy {
        static String describe() {
          return "lazy-%VERSION%";
        }
      }
      """;

  private static final String HELPER =
      """
      package fixture.app;

      public final class Helper {
        public static void help() {}
      }
      """;

  private static final String BASE = "package fixture.app; public class Base {}";
  private static final String SUB = "package fixture.app; public class Sub extends Base {}";
  private static final String SUB_NOT_A_BASE = "package fixture.app; public class Sub {}";
  private static final String FACTORY =
      "package fixture.app; public class Factory { public Base make() { return new Sub(); } }";

  private final String version;
  private final String startPrefix;
  private final String afterBindings;

  Fixture(String version, String startPrefix) {
    this(version, startPrefix, "");
  }

  Fixture(String version, String startPrefix, String afterBindings) {
    this.version = version;
    this.startPrefix = startPrefix;
    this.afterBindings = afterBindings;
  }

  /** The version string the fixture answers with. */
  public String version() {
    return version;
  }

  /** Compiles this fixture into a fresh directory under {@code workDir} and returns it. */
  public Path compile(Path workDir) {
    try {
      Path out = Files.createTempDirectory(workDir, name().toLowerCase() + "-");
      Map<String, String> sources = new LinkedHashMap<>();
      sources.put(
          "fixture.app.App",
          APP.replace("%VERSION%", version)
              .replace("%START%", startPrefix)
              .replace("%AFTER_BINDINGS%", afterBindings));
      sources.put("fixture.app.Lazy", LAZY.replace("%VERSION%", version));
      sources.put("fixture.app.Helper", HELPER);
      if (this == GATEWAY_V1 || this == GATEWAY_V2) {
        sources.put("fixture.app.Chat", CHAT.replace("%VERSION%", version));
      }
      if (this == VERIFY_ERROR) {
        sources.put("fixture.app.Base", BASE);
        sources.put("fixture.app.Sub", SUB);
        sources.put("fixture.app.Factory", FACTORY);
      }
      JavaSourceCompiler.compile(out, sources);
      switch (this) {
        case TRUNCATED_CLASS ->
            JavaSourceCompiler.truncate(JavaSourceCompiler.classFile(out, "fixture.app.App"));
        case MISSING_CLASS -> Files.delete(JavaSourceCompiler.classFile(out, "fixture.app.Helper"));
        case VERIFY_ERROR -> {
          Path separate = Files.createTempDirectory(workDir, "sub-");
          JavaSourceCompiler.compile(separate, Map.of("fixture.app.Sub", SUB_NOT_A_BASE));
          Files.copy(
              JavaSourceCompiler.classFile(separate, "fixture.app.Sub"),
              JavaSourceCompiler.classFile(out, "fixture.app.Sub"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        default -> {}
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compiles the fixture application with {@code start} run first in {@code App.start()} and {@code
   * extra} sources beside it (class name to source) into a fresh directory under {@code workDir};
   * for fixtures beyond this enum, such as {@link LeakFixture}.
   */
  public static Path compileApp(
      Path workDir, String name, String start, Map<String, String> extra) {
    try {
      Path out = Files.createTempDirectory(workDir, name + "-");
      Map<String, String> sources = new LinkedHashMap<>();
      sources.put(
          "fixture.app.App",
          APP.replace("%VERSION%", "v2")
              .replace(
                  "%START%",
                  "try {\n" + start + "\n} catch (Exception e) { throw new RuntimeException(e); }")
              .replace("%AFTER_BINDINGS%", ""));
      sources.put("fixture.app.Lazy", LAZY.replace("%VERSION%", "v2"));
      sources.put("fixture.app.Helper", HELPER);
      sources.putAll(extra);
      JavaSourceCompiler.compile(out, sources);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the content of {@code codeDir} with the compiled classes in {@code compiled}. */
  public static void install(Path compiled, Path codeDir) {
    try {
      if (Files.exists(codeDir)) {
        try (Stream<Path> old = Files.walk(codeDir)) {
          old.sorted(Comparator.reverseOrder())
              .filter(path -> !path.equals(codeDir))
              .forEach(Fixture::delete);
        }
      }
      Files.createDirectories(codeDir);
      try (Stream<Path> files = Files.walk(compiled)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Path target = codeDir.resolve(compiled.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
