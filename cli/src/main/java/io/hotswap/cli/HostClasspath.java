package io.hotswap.cli;

import io.hotswap.loader.ManifestClassPath;
import io.hotswap.loader.MavenMetadata;
import io.hotswap.loader.PlatformContent;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The classpath of a host that runs an application's own platform (its Vert.x, Netty, Jackson and
 * what they need): the application's platform jars first — a fat jar's platform entries written
 * once into a jar of their own, named by their content — then hotswap's own jars, without those of
 * an artifact the application brings itself ({@code io.vertx:vertx-core} comes from the
 * application, in its version).
 *
 * <p>Stateless; thread-safe.
 */
final class HostClasspath {

  private HostClasspath() {}

  /**
   * The host classpath for {@code platform} with hotswap's own classpath {@code own}; extracted
   * platform parts go to {@code extractDir}.
   *
   * @throws IOException when a jar cannot be read or an extracted part cannot be written
   */
  static List<Path> of(PlatformContent platform, List<Path> own, Path extractDir)
      throws IOException {
    Set<Path> classpath = new LinkedHashSet<>();
    for (PlatformContent.Part part : platform.parts()) {
      classpath.add(part.whole() ? part.jar() : extract(part, extractDir));
    }
    for (Path entry : expand(own)) {
      String artifact = artifactOf(entry);
      if (artifact == null || !platform.artifacts().containsKey(artifact)) {
        classpath.add(entry);
      }
    }
    return List.copyOf(classpath);
  }

  /** This JVM's classpath, a manifest-only jar's {@code Class-Path} expanded. */
  static List<Path> ofThisJvm() {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath());
      }
    }
    return entries;
  }

  private static List<Path> expand(List<Path> own) throws IOException {
    List<Path> expanded = new ArrayList<>();
    for (Path entry : own) {
      expanded.add(entry);
      if (Files.isRegularFile(entry)) {
        expanded.addAll(ManifestClassPath.of(entry));
      }
    }
    return expanded;
  }

  /** The {@code groupId:artifactId} of a one-artifact jar, or null (a directory, a fat jar). */
  private static String artifactOf(Path entry) throws IOException {
    if (!Files.isRegularFile(entry)) {
      return null;
    }
    try (ZipFile zip = new ZipFile(entry.toFile())) {
      return MavenMetadata.soleArtifact(zip);
    }
  }

  /** The platform entries of a fat jar, as a jar of their own; written once per content. */
  private static Path extract(PlatformContent.Part part, Path extractDir) throws IOException {
    Path target = extractDir.resolve("platform-" + digest(part) + ".jar");
    if (Files.isRegularFile(target)) {
      return target;
    }
    Files.createDirectories(extractDir);
    Path temporary = Files.createTempFile(extractDir, ".platform-", ".tmp");
    try {
      try (ZipFile source = new ZipFile(part.jar().toFile());
          OutputStream file = Files.newOutputStream(temporary);
          JarOutputStream out = new JarOutputStream(file)) {
        for (String name : part.entries().keySet()) {
          ZipEntry entry = source.getEntry(name);
          if (entry == null) {
            continue;
          }
          out.putNextEntry(new ZipEntry(name));
          try (InputStream in = source.getInputStream(entry)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
    return target;
  }

  private static String digest(PlatformContent.Part part) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      part.entries()
          .forEach(
              (name, key) ->
                  sha.update((name + '\0' + key + '\n').getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
