package io.hotswap.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotswap.loader.testing.JavaSourceCompiler;
import io.hotswap.loader.testing.TestFiles;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationClassLoaderTest {

  @TempDir Path dir;
  private URLClassLoader host;
  private Path hostDir;

  @BeforeEach
  void createHost() throws Exception {
    hostDir =
        JavaSourceCompiler.compile(
            dir.resolve("host"),
            Map.of(
                "com.acme.Greeter",
                greeter("host"),
                "com.shared.Dto",
                "package com.shared; public class Dto { public static String origin() { return"
                    + " \"host\"; } }"));
    Files.writeString(hostDir.resolve("x.txt"), "host");
    host =
        new URLClassLoader(
            new URL[] {hostDir.toUri().toURL()}, GenerationClassLoaderTest.class.getClassLoader());
  }

  @AfterEach
  void closeHost() throws Exception {
    host.close();
  }

  @Test
  void loadClass_sourceChangedAndDeletedAfterSnapshot_usesSnapshotBytesIncludingLazyClasses()
      throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of(
                "com.acme.Greeter",
                "package com.acme; public class Greeter { public static String greet() { return"
                    + " Helper.text(); } }",
                "com.acme.Helper",
                "package com.acme; class Helper { static String text() { return \"v1\"; } }"));
    Snapshot snapshot = new Snapshotter(CodeSource.of(classes)).take();

    JavaSourceCompiler.compile(classes, Map.of("com.acme.Greeter", greeter("v2")));
    Files.delete(JavaSourceCompiler.classFile(classes, "com.acme.Helper"));
    GenerationClassLoader loader = loader(1, snapshot, ParentFirstPolicy.defaults());

    assertThat(call(loader, "com.acme.Greeter", "greet")).isEqualTo("v1");
  }

  @Test
  void loadClass_childFirstName_prefersSnapshotOverParent() throws Exception {
    GenerationClassLoader loader =
        loader(1, snapshotWithGreeterAndDto(), ParentFirstPolicy.defaults());

    Class<?> greeter = loader.loadClass("com.acme.Greeter");

    assertThat(greeter.getClassLoader()).isSameAs(loader);
    assertThat(call(loader, "com.acme.Greeter", "greet")).isEqualTo("snapshot");
    assertThat(call(loader, "com.shared.Dto", "origin")).isEqualTo("snapshot");
  }

  @Test
  void loadClass_parentFirstPackage_prefersParent() throws Exception {
    GenerationClassLoader loader =
        loader(
            1,
            snapshotWithGreeterAndDto(),
            ParentFirstPolicy.defaults().withPackages(List.of("com.shared")));

    assertThat(loader.loadClass("com.shared.Dto").getClassLoader()).isSameAs(host);
    assertThat(call(loader, "com.shared.Dto", "origin")).isEqualTo("host");
    assertThat(call(loader, "com.acme.Greeter", "greet")).isEqualTo("snapshot");
  }

  @Test
  void loadClass_parentFirstNameMissingInParent_definesFromSnapshot() throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of("com.shared.Extra", "package com.shared; public class Extra {}"));
    GenerationClassLoader loader =
        loader(
            1,
            new Snapshotter(CodeSource.of(classes)).take(),
            ParentFirstPolicy.defaults().withPackages(List.of("com.shared")));

    assertThat(loader.loadClass("com.shared.Extra").getClassLoader()).isSameAs(loader);
  }

  @Test
  void loadClass_absentEverywhere_throwsClassNotFound() {
    GenerationClassLoader loader = loader(1, Snapshot.of(Map.of()), ParentFirstPolicy.defaults());

    assertThatThrownBy(() -> loader.loadClass("com.acme.Missing"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void loadClass_twoLoadersOneSnapshot_separateStatics() throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of(
                "com.acme.Counter",
                "package com.acme; public class Counter { static int n; public static Integer"
                    + " next() { return ++n; } }"));
    Snapshot snapshot = new Snapshotter(CodeSource.of(classes)).take();
    GenerationClassLoader first = loader(1, snapshot, ParentFirstPolicy.defaults());
    GenerationClassLoader second = loader(2, snapshot, ParentFirstPolicy.defaults());

    assertThat(call(first, "com.acme.Counter", "next")).isEqualTo(1);
    assertThat(call(first, "com.acme.Counter", "next")).isEqualTo(2);
    assertThat(call(second, "com.acme.Counter", "next")).isEqualTo(1);
    assertThat(first.loadClass("com.acme.Counter"))
        .isNotSameAs(second.loadClass("com.acme.Counter"));
  }

  @Test
  void loadClass_definedClass_hasPackageAndDomainWithoutLoaderReference() throws Exception {
    GenerationClassLoader loader =
        loader(7, snapshotWithGreeterAndDto(), ParentFirstPolicy.defaults());

    Class<?> greeter = loader.loadClass("com.acme.Greeter");

    assertThat(loader.getName()).isEqualTo("hotswap-gen-7");
    assertThat(loader.generation()).isEqualTo(7);
    assertThat(greeter.getPackage().getName()).isEqualTo("com.acme");
    assertThat(greeter.getProtectionDomain().getClassLoader()).isNull();
    assertThat(greeter.getProtectionDomain().getCodeSource().getLocation().toString())
        .startsWith("file:")
        .endsWith("/" + loader.snapshot().id().hex() + "/");
  }

  @Test
  void getResource_snapshotEntry_urlReadsSnapshotBytes() throws Exception {
    Snapshot snapshot =
        Snapshot.of(Map.of("x.txt", bytes("snapshot"), "com/acme/only.txt", bytes("only")));
    GenerationClassLoader loader = loader(7, snapshot, ParentFirstPolicy.defaults());

    URL url = loader.getResource("com/acme/only.txt");

    assertThat(url.getProtocol()).isEqualTo("file");
    assertThat(url.toString()).endsWith("/" + snapshot.id().hex() + "/com/acme/only.txt");
    try (InputStream in = url.openStream()) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("only");
    }
    assertThat(url.openConnection().getContentLengthLong()).isEqualTo(4);
    Path asPath = Path.of(url.toURI());
    assertThat(Files.readString(asPath)).isEqualTo("only");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(asPath)))
        .isEqualTo("r--------");
    assertThat(loader.getResource("x.txt").getProtocol()).isEqualTo("file");
    assertThat(loader.getResource("missing.txt")).isNull();
  }

  @Test
  void getResource_directoryOfSnapshot_isAListableDirectoryOfItsEntries() throws Exception {
    Snapshot snapshot =
        Snapshot.of(
            Map.of(
                "webroot/index.html", bytes("<h1>hi</h1>"),
                "webroot/css/site.css", bytes("body{}"),
                "webrootless.txt", bytes("not under webroot")));
    GenerationClassLoader loader = loader(7, snapshot, ParentFirstPolicy.defaults());

    URL url = loader.getResource("webroot");

    Path dir = Path.of(url.toURI());
    assertThat(dir).isDirectory();
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("index.html", "css");
    }
    assertThat(Files.readString(dir.resolve("css/site.css"))).isEqualTo("body{}");
    assertThat(loader.getResource("webroot/css")).isNotNull();
    assertThat(loader.getResource("webro")).isNull();
    assertThat(loader.getResource("../escape.txt")).isNull();
  }

  @Test
  void getResources_presentInSnapshotAndParent_snapshotFirstThenParent() throws Exception {
    GenerationClassLoader loader =
        loader(1, Snapshot.of(Map.of("x.txt", bytes("snapshot"))), ParentFirstPolicy.defaults());

    List<URL> urls = Collections.list(loader.getResources("x.txt"));

    assertThat(urls).hasSize(2);
    assertThat(read(urls.get(0))).isEqualTo("snapshot");
    assertThat(read(urls.get(1))).isEqualTo("host");
  }

  @Test
  void getResourceAsStream_childFirstAndParentFirst_followsPolicy() throws Exception {
    Files.createDirectories(hostDir.resolve("com/shared"));
    Files.writeString(hostDir.resolve("com/shared/y.txt"), "host");
    Snapshot snapshot =
        Snapshot.of(Map.of("x.txt", bytes("snapshot"), "com/shared/y.txt", bytes("snapshot")));
    GenerationClassLoader loader =
        loader(1, snapshot, ParentFirstPolicy.defaults().withPackages(List.of("com.shared")));

    try (InputStream x = loader.getResourceAsStream("x.txt");
        InputStream y = loader.getResourceAsStream("com/shared/y.txt")) {
      assertThat(new String(x.readAllBytes(), UTF_8)).isEqualTo("snapshot");
      assertThat(new String(y.readAllBytes(), UTF_8)).isEqualTo("host");
    }
    assertThat(read(loader.getResource("com/shared/y.txt"))).isEqualTo("host");
  }

  private GenerationClassLoader loader(
      long generation, Snapshot snapshot, ParentFirstPolicy policy) {
    return new GenerationClassLoader(generation, snapshot, host, policy, TestFiles.of(snapshot));
  }

  private Snapshot snapshotWithGreeterAndDto() throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of(
                "com.acme.Greeter",
                greeter("snapshot"),
                "com.shared.Dto",
                "package com.shared; public class Dto { public static String origin() { return"
                    + " \"snapshot\"; } }"));
    return new Snapshotter(CodeSource.of(classes)).take();
  }

  private static String greeter(String text) {
    return "package com.acme; public class Greeter { public static String greet() { return \""
        + text
        + "\"; } }";
  }

  static Object call(ClassLoader loader, String className, String method) throws Exception {
    return loader.loadClass(className).getMethod(method).invoke(null);
  }

  private static String read(URL url) throws Exception {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
