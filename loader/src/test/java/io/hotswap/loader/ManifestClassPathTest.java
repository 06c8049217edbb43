package io.hotswap.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.loader.testing.Jars;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thin jar whose manifest {@code Class-Path} lists its {@code lib/} (maven-jar-plugin's {@code
 * addClasspath} beside maven-dependency-plugin's {@code copy-dependencies}) is snapshotted as
 * {@code java -jar} would run it: the jar's own entries first, then each listed jar in order; the
 * platform jars among them go to the platform part.
 */
class ManifestClassPathTest {
  private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minusSeconds(3600));

  @TempDir Path dir;

  @Test
  void take_thinJarWithClassPath_readsTheListedJarsInOrder_firstEntryWins() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Jars.write(
        lib.resolve("first.jar"),
        Map.of(
            "com/dep/D.class", bytes("D from first"), "com/acme/A.class", bytes("A from first")));
    Jars.write(
        lib.resolve("second one.jar"),
        Map.of("com/dep/D.class", bytes("D from second"), "com/two/T.class", bytes("T")));
    Files.createDirectories(dir.resolve("conf"));
    Path app =
        thinJar(
            "lib/first.jar lib/second%20one.jar lib/missing.jar conf/",
            Map.of("com/acme/A.class", bytes("A")));
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(app));

    Snapshot snapshot = snapshotter.take();

    assertThat(snapshot.classNames()).containsExactly("com.acme.A", "com.dep.D", "com.two.T");
    assertThat(text(snapshot, "com/acme/A.class")).isEqualTo("A");
    assertThat(text(snapshot, "com/dep/D.class")).isEqualTo("D from first");
    assertThat(snapshotter.lastStats().jarsRead()).isEqualTo(3);
  }

  @Test
  void take_classPathJarChanged_isReadAgain_unchangedOnesReused() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Path dep = Jars.write(lib.resolve("dep.jar"), Map.of("com/dep/D.class", bytes("D")));
    Path app = thinJar("lib/dep.jar", Map.of("com/acme/A.class", bytes("A")));
    Files.setLastModifiedTime(dep, AN_HOUR_AGO);
    Files.setLastModifiedTime(app, AN_HOUR_AGO);
    Snapshotter snapshotter = new Snapshotter(CodeSource.of(app));
    Snapshot first = snapshotter.take();

    assertThat(snapshotter.take().id()).isEqualTo(first.id());
    assertThat(snapshotter.lastStats().jarsReused()).isEqualTo(2);

    Jars.write(dep, Map.of("com/dep/D.class", bytes("D, version 2")));
    Snapshot changed = snapshotter.take();

    assertThat(snapshotter.lastStats().jarsRead()).isEqualTo(1);
    assertThat(text(changed, "com/dep/D.class")).isEqualTo("D, version 2");
    assertThat(changed.id()).isNotEqualTo(first.id());
  }

  @Test
  void take_platformJarOnTheClassPath_goesToThePlatformPart() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Map<String, byte[]> web = new HashMap<>();
    web.put("io/vertx/ext/web/Fake.class", bytes("not a real class"));
    web.put(
        "META-INF/maven/io.vertx/vertx-web/pom.properties",
        bytes("groupId=io.vertx\nartifactId=vertx-web\nversion=5.0.7\n"));
    Jars.write(lib.resolve("vertx-web-5.0.7.jar"), web);
    Path app = thinJar("lib/vertx-web-5.0.7.jar", Map.of("com/acme/A.class", bytes("A")));

    Snapshot snapshot = new Snapshotter(CodeSource.of(app)).take();

    assertThat(snapshot.classNames()).containsExactly("com.acme.A");
    assertThat(snapshot.platform().artifacts())
        .containsExactly(Map.entry("io.vertx:vertx-web", "5.0.7"));
    assertThat(Snapshotter.platformOf(CodeSource.of(app))).isEqualTo(snapshot.platform());
  }

  private Path thinJar(String classPath, Map<String, byte[]> entries) {
    Map<String, byte[]> all = new HashMap<>(entries);
    all.put(
        "META-INF/MANIFEST.MF",
        bytes("Manifest-Version: 1.0\r\nClass-Path: " + classPath + "\r\n\r\n"));
    return Jars.write(dir.resolve("app.jar"), all);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static String text(Snapshot snapshot, String name) {
    ByteBuffer buffer = snapshot.resource(name).orElseThrow();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return new String(bytes, UTF_8);
  }
}
