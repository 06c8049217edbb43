package io.hotswap.loader;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jars a jar's manifest {@code Class-Path} names, resolved as the JVM resolves them: each entry
 * a URL relative to the directory of the jar that names it (a thin {@code app.jar} beside the
 * {@code lib/} that {@code maven-dependency-plugin} filled and {@code maven-jar-plugin}'s {@code
 * addClasspath} listed). Only jar files that exist are kept; a directory entry is skipped with a
 * warning (its resources would not be in the snapshot), a missing one silently, as the JVM skips
 * it. Entries are not followed further: the jars' own {@code Class-Path}s are not read.
 *
 * <p>Stateless; thread-safe.
 */
public final class ManifestClassPath {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestClassPath.class);

  private ManifestClassPath() {}

  /**
   * The existing jar files {@code jar}'s manifest {@code Class-Path} names, in order; empty when it
   * has no manifest or no {@code Class-Path}.
   *
   * @throws IOException when {@code jar} cannot be read as a jar
   */
  public static List<Path> of(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      return resolve(jar, entries(manifest));
    }
  }

  /** A manifest's {@code Class-Path} entries as written (relative URLs), in order. */
  static List<String> entries(Manifest manifest) {
    String value =
        manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return List.of(value.trim().split("\\s+"));
  }

  /** The existing jar files {@code entries} (from {@code jar}'s manifest) name, in order. */
  static List<Path> resolve(Path jar, List<String> entries) {
    if (entries.isEmpty()) {
      return List.of();
    }
    URI base = jar.toAbsolutePath().getParent().toUri();
    List<Path> jars = new ArrayList<>(entries.size());
    for (String entry : entries) {
      Path resolved = resolveOne(base, entry);
      if (resolved == null || !Files.exists(resolved)) {
        continue;
      }
      if (Files.isDirectory(resolved)) {
        LOG.warn(
            "{}: Class-Path entry {} is a directory; only jars of a Class-Path are read into"
                + " the snapshot",
            jar,
            entry);
        continue;
      }
      if (Files.isRegularFile(resolved)
          && resolved.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
        jars.add(resolved.normalize());
      }
    }
    return List.copyOf(jars);
  }

  /** {@code entry} (a relative or {@code file:} URL, URL-encoded) as a path, or null. */
  private static Path resolveOne(URI base, String entry) {
    try {
      URI uri = base.resolve(new URI(entry));
      return "file".equals(uri.getScheme()) ? Path.of(uri) : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      LOG.debug("Class-Path entry {} is not a file URL: skipped", entry);
      return null;
    }
  }
}
