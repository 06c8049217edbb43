package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Options are built only through the builder: defaults are the named constants, and they copy. */
class HotSwapOptionsTest {
  private static final Path CODE = Path.of("app/target/classes");

  @Test
  void builder_withNothingSet_hasTheNamedDefaults() {
    HotSwapOptions options = HotSwapOptions.builder(CODE).build();

    assertThat(options.codeSource()).isEqualTo(CODE);
    assertThat(options.startTimeout()).isEqualTo(HotSwapOptions.DEFAULT_START_TIMEOUT);
    assertThat(options.drainTimeout()).isEqualTo(HotSwapOptions.DEFAULT_DRAIN_TIMEOUT);
    assertThat(options.leakTimeout()).isEqualTo(HotSwapOptions.DEFAULT_LEAK_TIMEOUT);
    assertThat(options.maxDraining()).isEqualTo(HotSwapOptions.DEFAULT_MAX_DRAINING);
    assertThat(options.applicationName()).isEqualTo(HotSwapOptions.DEFAULT_APPLICATION_NAME);
    assertThat(options.watchQuietPeriod()).isEqualTo(HotSwapOptions.DEFAULT_WATCH_QUIET_PERIOD);
    assertThat(options.stateMaxEntries()).isEqualTo(HotSwapOptions.DEFAULT_STATE_MAX_ENTRIES);
    assertThat(options.checkTimeout()).isEqualTo(HotSwapOptions.DEFAULT_CHECK_TIMEOUT);
    assertThat(options.snapshotCacheBytes()).isEqualTo(HotSwapOptions.DEFAULT_SNAPSHOT_CACHE_BYTES);
    assertThat(options.jmx()).isTrue();
    assertThat(options.watch()).isFalse();
    assertThat(options.endpoints()).isEmpty();
    assertThat(options.mainVerticle()).isEmpty();
    assertThat(options.mainDeployment()).isEqualTo(MainDeployment.DEFAULT);
  }

  @Test
  void toBuilder_keepsEveryOption_andDerivedOptionsDoNotChangeTheOriginal() {
    HotSwapOptions original =
        HotSwapOptions.builder(CODE)
            .applicationName("shop")
            .endpoint(EndpointSpec.http("http", 8080))
            .parentFirstPackage("com.acme.shared")
            .drainTimeout(Duration.ofSeconds(5))
            .lanes(2)
            .watch(true)
            .watchTriggerFile(Path.of("build.done"))
            .stateIdleTimeout(Duration.ofMinutes(1))
            .warmUp(new HotSwapOptions.WarmUp("http", List.of("/"), 10, 2))
            .mainVerticle("com.acme.Main")
            .mainDeploymentOptions(new DeploymentOptions().setInstances(2))
            .mainConfig(new JsonObject().put("k", "v"))
            .build();

    HotSwapOptions copy = original.toBuilder().build();
    HotSwapOptions derived = original.toBuilder().applicationName("other").build();

    assertThat(copy.applicationName()).isEqualTo("shop");
    assertThat(copy.endpoints()).isEqualTo(original.endpoints());
    assertThat(copy.parentFirstPackages()).containsExactly("com.acme.shared");
    assertThat(copy.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(copy.lanes()).isEqualTo(2);
    assertThat(copy.watch()).isTrue();
    assertThat(copy.watchTriggerFile()).contains(Path.of("build.done"));
    assertThat(copy.stateIdleTimeout()).contains(Duration.ofMinutes(1));
    assertThat(copy.warmUp()).isEqualTo(original.warmUp());
    assertThat(copy.mainVerticle()).contains("com.acme.Main");
    assertThat(copy.mainDeployment().instances()).isEqualTo(2);
    assertThat(copy.mainDeployment().resolve().getConfig().getString("k")).isEqualTo("v");
    assertThat(derived.applicationName()).isEqualTo("other");
    assertThat(original.applicationName()).isEqualTo("shop");
  }

  @Test
  void build_refusesInvalidOptions_withTheOptionsName() {
    assertThatThrownBy(() -> HotSwapOptions.builder(CODE).drainTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("drainTimeout");
    assertThatThrownBy(() -> HotSwapOptions.builder(CODE).maxDraining(0).build())
        .hasMessageContaining("maxDraining");
    assertThatThrownBy(
            () ->
                HotSwapOptions.builder(CODE)
                    .endpoint(EndpointSpec.http("http", 1))
                    .endpoint(EndpointSpec.http("http", 2))
                    .build())
        .hasMessageContaining("two endpoints are named 'http'");
  }
}
