package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.loader.testing.JavaSourceCompiler;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class that cannot link because an optional dependency is absent fails nothing while nothing
 * reachable from the entry points uses it (a warning in the outcome and in status), and fails the
 * reload, with the old version serving, once the main verticle uses it.
 */
@Timeout(60)
class LenientLinkingIT {
  private static final String MAIN = "lenient.app.MainVerticle";
  private static final String VERTICLE =
      """
      package lenient.app;

      import io.vertx.core.AbstractVerticle;
      import io.vertx.core.Promise;

      public class MainVerticle extends AbstractVerticle {
        @Override
        public void start(Promise<Void> started) {
          vertx.createHttpServer()
              .requestHandler(request -> request.response().end("%VERSION% " + %USE%))
              .listen(0).onSuccess(s -> started.complete()).onFailure(started::fail);
        }
      }
      """;

  @TempDir Path workDir;
  private Vertx vertx;
  private HttpClient client;
  private HotSwap hotSwap;
  private Path codeDir;

  @BeforeEach
  void start() {
    codeDir = workDir.resolve("code");
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    client = vertx.createHttpClient();
    Fixture.install(compile("v1", "\"plain\""), codeDir);
    hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(codeDir)
                .mainVerticle(MAIN)
                .jmx(false)
                .applicationName("lenient")
                .build());
  }

  @AfterEach
  void stop() {
    try {
      Harness.await(hotSwap.close());
    } finally {
      Harness.await(vertx.close());
    }
  }

  @Test
  void reload_unreachableClassMissingItsDependency_activatesWithAWarning_reachable_fails() {
    ReloadOutcome first = Harness.await(hotSwap.start());

    assertThat(first.activated()).isTrue();
    assertThat(first.warnings())
        .singleElement()
        .asString()
        .contains("lenient.app.Plugin")
        .contains("NoClassDefFoundError")
        .contains("optional/Dep");
    assertThat(first.describe()).contains("1 warning(s)");
    assertThat(get()).isEqualTo("v1 plain");
    assertThat(hotSwap.generations())
        .filteredOn(g -> g.id() == first.generation())
        .singleElement()
        .satisfies(g -> assertThat(g.warnings()).hasSize(1));

    Fixture.install(compile("v2", "new Plugin().name()"), codeDir);
    ReloadOutcome second = Harness.await(hotSwap.reload("test"));

    assertThat(second.failed()).isTrue();
    assertThat(second.failureMessage().orElseThrow())
        .contains("lenient.app.Plugin")
        .contains("optional/Dep");
    assertThat(get()).isEqualTo("v1 plain");
  }

  private String get() {
    return Harness.await(Harness.get(client, hotSwap.httpPort("http:0"), "/")).body();
  }

  private Path compile(String version, String use) {
    try {
      Path out = Files.createTempDirectory(workDir, version + "-");
      JavaSourceCompiler.compile(
          out,
          Map.of(
              MAIN,
              VERTICLE.replace("%VERSION%", version).replace("%USE%", use),
              "optional.Dep",
              "package optional; public class Dep { public String name() { return \"dep\"; } }",
              "lenient.app.Plugin",
              "package lenient.app; public class Plugin extends optional.Dep {}"));
      Files.delete(JavaSourceCompiler.classFile(out, "optional.Dep"));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
