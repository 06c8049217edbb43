package io.hotswap.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotswap.loader.testing.Jars;
import io.hotswap.loader.testing.JavaSourceCompiler;
import io.hotswap.loader.testing.TestFiles;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A code source that ships platform code — an application fat jar with Vert.x inside, a {@code
 * lib/vertx-web.jar} — gives a snapshot without it and with a record of what it was; a generation
 * loader never defines a platform class, and says what the host lacks; a changed platform part is
 * described artifact by artifact.
 */
class PlatformSplitTest {
  @TempDir Path dir;

  @Test
  void fatJar_platformEntriesLeftOut_recordedByArtifact_applicationEntriesKept() throws Exception {
    Path jar = fatJar("app.jar", "5.0.7", "v1");

    Snapshot snapshot = new Snapshotter(CodeSource.of(jar)).take();

    assertThat(snapshot.classNames()).containsExactly("com.acme.Main");
    assertThat(snapshot.contains("webroot/index.html")).isTrue();
    assertThat(snapshot.contains("META-INF/maven/com.acme/shop/pom.properties")).isTrue();
    assertThat(snapshot.contains("io/vertx/core/Fake.class")).isFalse();
    assertThat(snapshot.contains("META-INF/maven/io.vertx/vertx-core/pom.properties")).isFalse();
    assertThat(snapshot.contains("META-INF/native/libnetty_transport_native_epoll.so")).isFalse();
    assertThat(snapshot.platform().artifacts())
        .containsExactly(
            Map.entry("io.netty:netty-common", "4.2.7.Final"),
            Map.entry("io.vertx:vertx-core", "5.0.7"));
    assertThat(snapshot.platform().entries()).isEqualTo(6);
  }

  @Test
  void platformJarInLib_leftOutWhole_evenItsServiceFiles() throws Exception {
    Path code = Files.createDirectories(dir.resolve("code"));
    JavaSourceCompiler.compile(
        code, Map.of("com.acme.Main", "package com.acme; public class Main {}"));
    Map<String, byte[]> web = new HashMap<>();
    web.put("io/vertx/ext/web/Fake.class", bytes("not a real class"));
    web.put(
        "META-INF/services/io.vertx.core.spi.VertxServiceProvider", bytes("io.vertx.ext.web.Fake"));
    web.put(
        "META-INF/maven/io.vertx/vertx-web/pom.properties", pom("io.vertx", "vertx-web", "5.0.7"));
    // A classes directory without lib/*.jar ships no platform code: nothing more is read.
    assertThat(Snapshotter.platformOf(CodeSource.of(code))).isEqualTo(PlatformContent.NONE);
    Jars.write(Files.createDirectories(code.resolve("lib")).resolve("vertx-web-5.0.7.jar"), web);

    Snapshot snapshot = new Snapshotter(CodeSource.of(code)).take();

    assertThat(Snapshotter.platformOf(CodeSource.of(code))).isEqualTo(snapshot.platform());
    assertThat(snapshot.classNames()).containsExactly("com.acme.Main");
    assertThat(snapshot.contains("META-INF/services/io.vertx.core.spi.VertxServiceProvider"))
        .isFalse();
    assertThat(snapshot.platform().artifacts())
        .containsExactly(Map.entry("io.vertx:vertx-web", "5.0.7"));
  }

  @Test
  void platformDependencies_inANonPlatformPackage_goToTheHostToo() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("deps"));
    JavaSourceCompiler.compile(
        classes,
        Map.of(
            "io.vertx.fakeclient.Client",
            "package io.vertx.fakeclient; public class Client { com.ongres.scram.Scram s; }",
            "com.ongres.scram.Scram",
            "package com.ongres.scram; public class Scram { com.ongres.util.Bytes b; }",
            "com.ongres.util.Bytes",
            "package com.ongres.util; public class Bytes {}",
            "com.acme.Main",
            "package com.acme; public class Main { com.ongres.scram.Scram s; }",
            "com.acme.Unrelated",
            "package com.acme; public class Unrelated {}"));
    Map<String, byte[]> all = Jars.read(classes);
    // A fat jar: the platform's dependency moves entry by entry, the application stays.
    Map<String, byte[]> fat = new HashMap<>(all);
    fat.put("META-INF/maven/com.acme/shop/pom.properties", pom("com.acme", "shop", "1.0"));
    fat.put(
        "META-INF/maven/io.vertx/vertx-fake-client/pom.properties",
        pom("io.vertx", "vertx-fake-client", "5.0.7"));
    Snapshot fatSnapshot =
        new Snapshotter(CodeSource.of(Jars.write(dir.resolve("fat.jar"), fat))).take();
    assertThat(fatSnapshot.classNames()).containsExactly("com.acme.Main", "com.acme.Unrelated");
    assertThat(fatSnapshot.platform().parts()).hasSize(1);
    assertThat(fatSnapshot.platform().parts().get(0).whole()).isFalse();
    assertThat(fatSnapshot.platform().parts().get(0).entries())
        .containsKeys(
            "io/vertx/fakeclient/Client.class",
            "com/ongres/scram/Scram.class",
            "com/ongres/util/Bytes.class");

    // Thin jars in lib/: a jar the platform needs goes whole.
    Path code = Files.createDirectories(dir.resolve("code"));
    Path lib = Files.createDirectories(code.resolve("lib"));
    Map<String, byte[]> client = new HashMap<>();
    client.put("io/vertx/fakeclient/Client.class", all.get("io/vertx/fakeclient/Client.class"));
    client.put(
        "META-INF/maven/io.vertx/vertx-fake-client/pom.properties",
        pom("io.vertx", "vertx-fake-client", "5.0.7"));
    Jars.write(lib.resolve("vertx-fake-client.jar"), client);
    Map<String, byte[]> scram = new HashMap<>();
    scram.put("com/ongres/scram/Scram.class", all.get("com/ongres/scram/Scram.class"));
    scram.put("com/ongres/scram/messages.properties", bytes("m=1"));
    scram.put("META-INF/maven/com.ongres/scram/pom.properties", pom("com.ongres", "scram", "3.1"));
    Jars.write(lib.resolve("scram.jar"), scram);
    Map<String, byte[]> util = new HashMap<>();
    util.put("com/ongres/util/Bytes.class", all.get("com/ongres/util/Bytes.class"));
    Jars.write(lib.resolve("util.jar"), util);
    Files.createDirectories(code.resolve("com/acme"));
    Files.write(code.resolve("com/acme/Main.class"), all.get("com/acme/Main.class"));

    Snapshot thin = new Snapshotter(CodeSource.of(code)).take();

    assertThat(thin.classNames()).containsExactly("com.acme.Main");
    assertThat(thin.contains("com/ongres/scram/messages.properties")).isFalse();
    assertThat(thin.platform().parts())
        .extracting(part -> part.jar().getFileName().toString(), PlatformContent.Part::whole)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("vertx-fake-client.jar", true),
            org.assertj.core.groups.Tuple.tuple("scram.jar", true),
            org.assertj.core.groups.Tuple.tuple("util.jar", true));
    assertThat(thin.platform().artifacts())
        .containsOnlyKeys("io.vertx:vertx-fake-client", "com.ongres:scram");
  }

  @Test
  void changedPlatform_describedByArtifact_sameBytesAreNoChange() throws Exception {
    Snapshot v1 = new Snapshotter(CodeSource.of(fatJar("a.jar", "5.0.7", "v1"))).take();
    Snapshot sameAgain = new Snapshotter(CodeSource.of(fatJar("b.jar", "5.0.7", "v2"))).take();
    Snapshot upgraded = new Snapshotter(CodeSource.of(fatJar("c.jar", "5.1.6", "v1"))).take();
    Snapshot thin = Snapshot.of(Map.of("com/acme/Main.class", bytes("x")));

    assertThat(v1.platform().changeTo(sameAgain.platform())).isEmpty();
    assertThat(v1.id()).isNotEqualTo(sameAgain.id());
    assertThat(v1.platform().changeTo(upgraded.platform()))
        .contains("io.vertx:vertx-core 5.0.7 -> 5.1.6");
    assertThat(thin.platform().changeTo(v1.platform()))
        .contains("io.netty:netty-common 4.2.7.Final added, io.vertx:vertx-core 5.0.7 added");
  }

  @Test
  void rebuiltFatJar_sameSnapshotter_samePlatformKept_changedPlatformSeen() throws Exception {
    Path jar = dir.resolve("shop.jar");
    Files.copy(fatJar("build-1.jar", "5.0.7", "v1"), jar);
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(jar));
    Snapshot first = snapshotter.take();

    Files.copy(
        fatJar("build-2.jar", "5.0.7", "v2"),
        jar,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(0));
    Snapshot rebuilt = snapshotter.take();
    Files.copy(
        fatJar("build-3.jar", "5.1.6", "v2"),
        jar,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000));
    Snapshot upgraded = snapshotter.take();

    assertThat(rebuilt.id()).isNotEqualTo(first.id());
    assertThat(first.platform().changeTo(rebuilt.platform())).isEmpty();
    assertThat(rebuilt.platform().artifacts()).isEqualTo(first.platform().artifacts());
    assertThat(rebuilt.platform().changeTo(upgraded.platform()))
        .contains("io.vertx:vertx-core 5.0.7 -> 5.1.6");
  }

  @Test
  void platformClassTheHostLacks_notDefinedFromTheCodeSource_errorNamesThePackage()
      throws Exception {
    Snapshot snapshot = new Snapshotter(CodeSource.of(fatJar("app.jar", "5.0.7", "v1"))).take();
    try (URLClassLoader host = new URLClassLoader(new URL[0], null)) {
      GenerationClassLoader loader =
          new GenerationClassLoader(
              1, snapshot, host, ParentFirstPolicy.defaults(), TestFiles.of(snapshot));

      assertThatThrownBy(() -> loader.loadClass("io.vertx.core.Fake"))
          .isInstanceOf(ClassNotFoundException.class)
          .hasMessageContaining("io.vertx.core.Fake is a platform class")
          .hasMessageContaining("the host's classpath lacks it")
          .hasMessageContaining("[io.netty:netty-common, io.vertx:vertx-core]")
          .hasMessageContaining("package io.vertx.core");
      assertThat(loader.loadClass("com.acme.Main").getClassLoader()).isSameAs(loader);
    }
  }

  /** A fat jar as maven-shade writes one: the application and its platform dependencies. */
  private Path fatJar(String name, String vertxVersion, String appVersion) throws Exception {
    Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
    JavaSourceCompiler.compile(
        classes,
        Map.of(
            "com.acme.Main",
            "package com.acme; public class Main { String v = \"" + appVersion + "\"; }"));
    Map<String, byte[]> entries = new HashMap<>(Jars.read(classes));
    entries.put("webroot/index.html", bytes("<h1>" + appVersion + "</h1>"));
    entries.put("META-INF/maven/com.acme/shop/pom.properties", pom("com.acme", "shop", "1.0"));
    entries.put("io/vertx/core/Fake.class", bytes("vert.x " + vertxVersion));
    entries.put("io/vertx/core/Other.class", bytes("vert.x"));
    entries.put(
        "META-INF/maven/io.vertx/vertx-core/pom.properties",
        pom("io.vertx", "vertx-core", vertxVersion));
    entries.put("io/netty/util/Fake.class", bytes("netty"));
    entries.put(
        "META-INF/maven/io.netty/netty-common/pom.properties",
        pom("io.netty", "netty-common", "4.2.7.Final"));
    entries.put("META-INF/native/libnetty_transport_native_epoll.so", bytes("native"));
    return Jars.write(dir.resolve(name), entries);
  }

  private static byte[] pom(String group, String artifact, String version) {
    return ("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n")
        .getBytes(UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
