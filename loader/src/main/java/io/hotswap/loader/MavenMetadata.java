package io.hotswap.loader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Maven metadata a jar carries ({@code META-INF/maven/<groupId>/<artifactId>/pom.properties}):
 * which artifacts it holds, in which versions — one for a plain jar, many for a fat jar. Stateless;
 * thread-safe.
 */
public final class MavenMetadata {
  private static final String PREFIX = "META-INF/maven/";
  private static final String POM_PROPERTIES = "/pom.properties";

  private MavenMetadata() {}

  /** The group of any entry under {@code META-INF/maven/<group>/}, or null. */
  static String groupOf(String entryName) {
    if (!entryName.startsWith(PREFIX)) {
      return null;
    }
    int end = entryName.indexOf('/', PREFIX.length());
    return end < 0 ? null : entryName.substring(PREFIX.length(), end);
  }

  /** Whether {@code entryName} is an artifact's {@code pom.properties}. */
  static boolean isPomProperties(String entryName) {
    return entryName.endsWith(POM_PROPERTIES) && groupOf(entryName) != null;
  }

  /** Adds the artifact a {@code pom.properties} names, {@code groupId:artifactId} to version. */
  static void read(byte[] pomProperties, Map<String, String> artifacts) throws IOException {
    Properties properties = new Properties();
    properties.load(new ByteArrayInputStream(pomProperties));
    String group = properties.getProperty("groupId");
    String artifact = properties.getProperty("artifactId");
    String version = properties.getProperty("version");
    if (group != null && artifact != null && version != null) {
      artifacts.put(group + ":" + artifact, version);
    }
  }

  /**
   * The {@code groupId:artifactId} of the one artifact {@code jar} holds; null when it holds none
   * or several (a fat jar).
   *
   * @throws IOException when the jar cannot be read
   */
  public static String soleArtifact(ZipFile jar) throws IOException {
    Map<String, String> artifacts = new TreeMap<>();
    int found = 0;
    Enumeration<? extends ZipEntry> all = jar.entries();
    while (all.hasMoreElements()) {
      ZipEntry entry = all.nextElement();
      if (isPomProperties(entry.getName())) {
        if (++found > 1) {
          return null;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          read(in.readAllBytes(), artifacts);
        }
      }
    }
    return artifacts.size() == 1 ? artifacts.keySet().iterator().next() : null;
  }
}
