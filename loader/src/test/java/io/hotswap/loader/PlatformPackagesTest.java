package io.hotswap.loader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which code-source entries, classes and Maven groups are the platform: Vert.x, Netty, Jackson,
 * SLF4J, OpenTelemetry (a process-wide facade: one {@code GlobalOpenTelemetry}, one {@code Context}
 * class for host and generations) and {@code io.hotswap.api}; nothing else.
 */
class PlatformPackagesTest {

  @Test
  void isPlatformClass_platformPackages_true_applicationPackages_false() {
    assertThat(PlatformPackages.isPlatformClass("io.vertx.core.Vertx")).isTrue();
    assertThat(PlatformPackages.isPlatformClass("io.netty.channel.EventLoop")).isTrue();
    assertThat(PlatformPackages.isPlatformClass("com.fasterxml.jackson.core.JsonParser")).isTrue();
    assertThat(PlatformPackages.isPlatformClass("org.slf4j.Logger")).isTrue();
    assertThat(PlatformPackages.isPlatformClass("io.hotswap.api.Bindings")).isTrue();
    assertThat(PlatformPackages.isPlatformClass("io.opentelemetry.api.GlobalOpenTelemetry"))
        .isTrue();
    assertThat(PlatformPackages.isPlatformClass("io.opentelemetry.context.Context")).isTrue();

    assertThat(PlatformPackages.isPlatformClass("com.acme.Main")).isFalse();
    assertThat(PlatformPackages.isPlatformClass("io.hotswap.internal.HotSwapInstance")).isFalse();
    assertThat(PlatformPackages.isPlatformClass("io.opentelemetryx.Fake")).isFalse();
  }

  @Test
  void isPlatformEntry_openTelemetryMetadataAndServiceFiles_areThePlatform() {
    assertThat(
            PlatformPackages.isPlatformEntry(
                "META-INF/maven/io.opentelemetry/opentelemetry-api/pom.properties"))
        .isTrue();
    assertThat(
            PlatformPackages.isPlatformEntry(
                "META-INF/services/io.opentelemetry.context.ContextStorageProvider"))
        .isTrue();
    assertThat(
            PlatformPackages.isPlatformEntry(
                "META-INF/versions/11/io/opentelemetry/context/Context.class"))
        .isTrue();
    assertThat(PlatformPackages.isPlatformEntry("META-INF/maven/com.acme/shop/pom.properties"))
        .isFalse();
    assertThat(PlatformPackages.isPlatformEntry("webroot/index.html")).isFalse();
  }

  @Test
  void isPlatformGroup_groupsAndTheirSubgroups() {
    assertThat(PlatformPackages.isPlatformGroup("io.opentelemetry")).isTrue();
    assertThat(PlatformPackages.isPlatformGroup("io.opentelemetry.instrumentation")).isTrue();
    assertThat(PlatformPackages.isPlatformGroup("io.vertx")).isTrue();
    assertThat(PlatformPackages.isPlatformGroup("org.slf4j")).isTrue();
    assertThat(PlatformPackages.isPlatformGroup("io.opentelemetryx")).isFalse();
    assertThat(PlatformPackages.isPlatformGroup("com.acme")).isFalse();
  }

  @Test
  void describe_namesOpenTelemetry() {
    assertThat(PlatformPackages.describe()).contains("OpenTelemetry").contains("SLF4J");
  }
}
