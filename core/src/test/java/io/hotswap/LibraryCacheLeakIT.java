package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.internal.cleanup.GenerationCleaner;
import io.hotswap.testing.ClientVertx;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.PojoApp;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library caches a real application fills (Jackson's mapper behind {@code mapFrom}/{@code
 * mapTo}/{@code asPojo}, event-bus codecs by name and by body class, shared-data local maps) do not
 * keep a retired compat generation's loader, and version 2 registers the codec names version 1
 * registered. The negative control: before the cleanup, the leak patterns find each of those
 * holders on version 1's loader, so the cleanup is what frees it. Its own JVM (the {@code leak}
 * execution).
 */
class LibraryCacheLeakIT {
  private static final Duration GC_BOUND = Duration.ofSeconds(20);

  @TempDir Path workDir;
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final Vertx clientVertx = ClientVertx.create();
  private final HttpClient client = clientVertx.createHttpClient();
  private HotSwap hotSwap;

  @AfterEach
  void close() {
    if (hotSwap != null) {
      Harness.await(hotSwap.close());
    }
    Harness.await(vertx.close());
    Harness.await(clientVertx.close());
  }

  @Test
  void retiredGenerationThatMappedPojosRegisteredCodecsAndFilledLocalMaps_isCollected()
      throws Exception {
    Path code = workDir.resolve("code");
    Fixture.install(PojoApp.compile(workDir, "v1"), code);
    hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(code)
                .mainVerticle(PojoApp.MAIN)
                .leakTimeout(GC_BOUND)
                .drainTimeout(Duration.ofSeconds(10))
                .jmx(false)
                .applicationName("pojo")
                .build());
    assertThat(Harness.await(hotSwap.start()).activated()).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(post("a" + i)).isEqualTo(answer("a" + i, "v1"));
    }

    // Negative control: these library caches really hold version 1's loader before the cleanup.
    Object holder = vertx.sharedData().getLocalMap(PojoApp.LOCAL_MAP).get("holder-v1");
    WeakReference<ClassLoader> v1 = new WeakReference<>(holder.getClass().getClassLoader());
    holder = null;
    List<String> holders =
        new GenerationCleaner(getClass().getClassLoader(), Duration.ofSeconds(2), vertx)
            .findHolders("gen-1", v1);
    assertThat(holders)
        .anyMatch(text -> text.contains("event-bus codec 'pojo'"))
        .anyMatch(text -> text.contains("default codec for pojo.app.Item"))
        .anyMatch(text -> text.contains("local map '" + PojoApp.LOCAL_MAP + "' entry 'holder-v1'"))
        .anyMatch(text -> text.contains("local map '" + PojoApp.LOCAL_MAP + "' entry 'client-v1'"))
        .anyMatch(text -> text.contains("local async map 'pojo.app.async' entry 'holder-v1'"))
        .anyMatch(text -> text.contains("Jackson mapper"));

    Fixture.install(PojoApp.compile(workDir, "v2"), code);
    ReloadOutcome second = Harness.await(hotSwap.reload("test"));
    assertThat(second.activated()).as(second.describe()).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(post("b" + i)).isEqualTo(answer("b" + i, "v2"));
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              System.gc();
              assertThat(hotSwap.generations())
                  .filteredOn(info -> info.id() == 1)
                  .singleElement()
                  .satisfies(
                      info ->
                          assertThat(info.state())
                              .as("gen-1: %s", info.failure())
                              .isEqualTo(GenerationState.COLLECTED));
            });
    assertThat(v1.get()).isNull();
    assertThat(vertx.sharedData().getLocalMap(PojoApp.LOCAL_MAP).keySet())
        .containsExactlyInAnyOrder("holder-v2", "client-v2");
    // Version 2's codecs are intact after version 1's were released.
    assertThat(post("c")).isEqualTo(answer("c", "v2"));
  }

  @Test
  void jacksonModuleWithASerializerOfItsClasses_isLeaked_namingTheMapper() {
    Path code = workDir.resolve("code");
    Fixture.install(PojoApp.compile(workDir, "v1", true), code);
    hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(code)
                .mainVerticle(PojoApp.MAIN)
                .leakTimeout(Duration.ofSeconds(3))
                .drainTimeout(Duration.ofSeconds(10))
                .jmx(false)
                .applicationName("pojo-module")
                .build());
    assertThat(Harness.await(hotSwap.start()).activated()).isTrue();
    assertThat(post("m")).isEqualTo(answer("m", "v1"));

    Fixture.install(PojoApp.compile(workDir, "v2"), code);
    assertThat(Harness.await(hotSwap.reload("test")).activated()).isTrue();
    assertThat(post("m")).isEqualTo(answer("m", "v2"));

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(hotSwap.generations())
                    .filteredOn(info -> info.id() == 1)
                    .singleElement()
                    .satisfies(
                        info -> {
                          assertThat(info.state()).isEqualTo(GenerationState.LEAKED);
                          assertThat(info.failure().orElse(""))
                              .contains("Jackson serializers of its classes")
                              .contains("use an ObjectMapper of its own");
                        }));
  }

  private static JsonObject answer(String name, String version) {
    return new JsonObject()
        .put("name", name + "@" + version)
        .put("items", 1)
        .put("version", version);
  }

  private JsonObject post(String name) {
    int port = hotSwap.httpPort("http:0");
    return Harness.await(
        client
            .request(HttpMethod.POST, port, "127.0.0.1", "/pojo")
            .compose(
                request ->
                    request
                        .putHeader("content-type", "application/json")
                        .send(Buffer.buffer(new JsonObject().put("name", name).encode()))
                        .compose(
                            response -> {
                              if (response.statusCode() != 200) {
                                throw new AssertionError("status " + response.statusCode());
                              }
                              return response.body();
                            }))
            .map(Buffer::toJsonObject));
  }
}
