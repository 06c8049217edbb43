package io.hotswap.catalogue;

import io.hotswap.loader.testing.JavaSourceCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * One application of the catalogue: sources under {@code catalogue/<name>/java} and resources under
 * {@code catalogue/<name>/resources} on the test classpath, written as Vert.x users write them (no
 * hotswap import). {@code @VERSION@} in any source or resource is replaced by the version, so v1
 * and v2 differ in their answers and in their static files.
 *
 * <p>The application jar is a plain jar (not a fat jar) whose manifest names the main verticle
 * ({@code Main-Verticle}) and, for a launcher application, the main class ({@code Main-Class}).
 *
 * <p>Immutable; thread-safe.
 *
 * @param name the folder under {@code catalogue/}
 * @param mainVerticle the main verticle's class name
 * @param mainClass the {@code Main-Class} of the manifest, or null
 */
public record CatalogueApp(String name, String mainVerticle, String mainClass) {

  /** An application whose jar names only its main verticle. */
  public static CatalogueApp of(String name, String mainVerticle) {
    return new CatalogueApp(name, mainVerticle, null);
  }

  /**
   * Compiles version {@code version} and packs it as {@code <workDir>/<name>-<version>.jar}.
   *
   * @return the jar
   */
  public Path jar(Path workDir, String version) {
    try {
      Path root = folder();
      Path classes = Files.createTempDirectory(workDir, name + "-" + version + "-classes-");
      Map<String, String> sources = new LinkedHashMap<>();
      Path java = root.resolve("java");
      for (Path file : files(java)) {
        String relative = java.relativize(file).toString().replace('\\', '/');
        String className = relative.substring(0, relative.length() - ".java".length());
        sources.put(className.replace('/', '.'), versioned(file, version));
      }
      JavaSourceCompiler.compile(classes, sources);
      Path resources = root.resolve("resources");
      if (Files.isDirectory(resources)) {
        for (Path file : files(resources)) {
          Path target = classes.resolve(resources.relativize(file).toString());
          Files.createDirectories(target.getParent());
          Files.writeString(target, versioned(file, version));
        }
      }
      Path jar = workDir.resolve(name + "-" + version + ".jar");
      pack(classes, jar);
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code target} atomically with {@code jar}, as a build that writes a new jar does. */
  public static void install(Path jar, Path target) {
    try {
      Path next = target.resolveSibling(target.getFileName() + ".next");
      Files.copy(jar, next, StandardCopyOption.REPLACE_EXISTING);
      Files.move(next, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pack(Path classes, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Main-Verticle", mainVerticle);
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    // Directory entries too, as the jar tool and Maven write them: Vert.x's file resolver tells a
    // classpath directory (a StaticHandler's index page) by its entry.
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
        String name = classes.relativize(path).toString().replace('\\', '/');
        if (name.isEmpty()) {
          continue;
        }
        boolean directory = Files.isDirectory(path);
        out.putNextEntry(new JarEntry(directory ? name + "/" : name));
        if (!directory) {
          Files.copy(path, out);
        }
        out.closeEntry();
      }
    }
  }

  private Path folder() {
    URL url = CatalogueApp.class.getClassLoader().getResource("catalogue/" + name + "/java");
    if (url == null) {
      throw new IllegalStateException("no catalogue/" + name + "/java on the test classpath");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        // Another module's tests read the catalogue from this module's test jar.
        openJar(uri);
      }
      return Path.of(uri).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Opens the zip file system of the jar {@code uri} points into, once per JVM. */
  private static synchronized void openJar(URI uri) {
    try {
      FileSystems.getFileSystem(uri);
    } catch (FileSystemNotFoundException notYet) {
      try {
        FileSystems.newFileSystem(uri, Map.of());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String versioned(Path file, String version) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).replace("@VERSION@", version);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
