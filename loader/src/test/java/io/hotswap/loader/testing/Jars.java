package io.hotswap.loader.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/** Writes jar files for test fixtures. Stateless; thread-safe. */
public final class Jars {

  private Jars() {}

  /** Writes {@code entries} (entry name to content) as the jar {@code jar}; returns {@code jar}. */
  public static Path write(Path jar, Map<String, byte[]> entries) {
    try {
      Files.createDirectories(jar.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(jar);
          JarOutputStream jarOut = new JarOutputStream(out)) {
        for (Map.Entry<String, byte[]> entry : new TreeMap<>(entries).entrySet()) {
          jarOut.putNextEntry(new ZipEntry(entry.getKey()));
          jarOut.write(entry.getValue());
          jarOut.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes every file under {@code dir} as the jar {@code jar}; returns {@code jar}. */
  public static Path of(Path dir, Path jar) {
    return write(jar, read(dir));
  }

  /** Every file under {@code dir}, by its relative name with {@code /}. */
  public static Map<String, byte[]> read(Path dir) {
    Map<String, byte[]> entries = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        entries.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }
}
