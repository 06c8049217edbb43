package io.hotswap.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Writes an application fat jar the way maven-shade's defaults do: the application's files, then
 * every dependency jar's entries (the first of a name wins), {@code META-INF/services} files
 * concatenated, signatures and the dependencies' manifests dropped, the Maven metadata kept, and a
 * manifest naming the main verticle. Stateless; thread-safe.
 */
final class FatJar {
  private static final String SERVICES = "META-INF/services/";

  private FatJar() {}

  /** Writes {@code jar} from the files under {@code classes} and {@code dependencies}. */
  static Path write(Path jar, Path classes, List<Path> dependencies, String mainVerticle)
      throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        entries.put(
            classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    for (Path dependency : dependencies) {
      try (ZipFile zip = new ZipFile(dependency.toFile())) {
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
          ZipEntry entry = all.nextElement();
          String name = entry.getName();
          if (entry.isDirectory() || skipped(name)) {
            continue;
          }
          byte[] bytes;
          try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
          }
          if (name.startsWith(SERVICES) && entries.containsKey(name)) {
            entries.put(name, concatenate(entries.get(name), bytes));
          } else {
            entries.putIfAbsent(name, bytes);
          }
        }
      }
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Main-Verticle", mainVerticle);
    Path temporary = Files.createTempFile(jar.toAbsolutePath().getParent(), ".fat-", ".jar");
    try (OutputStream file = Files.newOutputStream(temporary);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return Files.move(temporary, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static boolean skipped(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    return upper.equals("META-INF/MANIFEST.MF")
        || (upper.startsWith("META-INF/")
            && (upper.endsWith(".SF") || upper.endsWith(".DSA") || upper.endsWith(".RSA")))
        || upper.endsWith("MODULE-INFO.CLASS");
  }

  private static byte[] concatenate(byte[] first, byte[] second) throws IOException {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.write(first);
    if (first.length > 0 && first[first.length - 1] != '\n') {
      both.write("\n".getBytes(StandardCharsets.UTF_8));
    }
    both.write(second);
    return both.toByteArray();
  }
}
