package io.hotswap.loader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Splits a code source's jars into the platform and the application: the platform packages (see
 * {@link PlatformPackages}), whole platform jars, and the platform's own dependencies — every class
 * a platform class refers to, transitively, found in a jar of the code source (a Vert.x client's
 * SCRAM library, Netty's optional compressors when the application ships them). Host classes can
 * only see host classes, so those go to the host too: a jar of one artifact whole, a fat jar's
 * entries one by one. Directory files (the application's own classes) never move.
 *
 * <p>Stateless; thread-safe.
 */
final class PlatformSplit {
  private static final String CLASS_SUFFIX = ".class";

  private PlatformSplit() {}

  /**
   * Removes the platform's dependencies from {@code merged} (the snapshot's entries, first
   * occurrence wins) and describes the platform part of the jars.
   */
  static PlatformContent apply(
      List<Path> jarOrder, Map<Path, JarContent> jars, Map<String, SnapshotEntry> merged)
      throws IOException {
    List<Path> order = new ArrayList<>();
    Map<Path, TreeMap<String, String>> platformOf = new HashMap<>();
    Map<Path, TreeMap<String, String>> artifactsOf = new HashMap<>();
    Set<Path> whole = new HashSet<>();
    Deque<String> references = new ArrayDeque<>();
    for (Path jar : jarOrder) {
      JarContent content = jars.get(jar);
      if (content == null) {
        continue;
      }
      order.add(jar);
      platformOf.put(jar, new TreeMap<>(content.platformEntries()));
      artifactsOf.put(jar, new TreeMap<>(content.artifacts()));
      if (content.wholePlatform()) {
        whole.add(jar);
      }
      references.addAll(content.platformReferences());
    }
    Set<String> seen = new HashSet<>();
    while (!references.isEmpty()) {
      String name = references.pop().replace('.', '/') + CLASS_SUFFIX;
      if (!seen.add(name)) {
        continue;
      }
      Path provider = providerOf(name, order, jars, merged);
      if (provider == null || whole.contains(provider)) {
        continue;
      }
      JarContent content = jars.get(provider);
      if (content.singleArtifact()) {
        whole.add(provider);
        for (Map.Entry<String, SnapshotEntry> entry : content.entries().entrySet()) {
          String entryName = entry.getKey();
          moveToPlatform(entryName, entry.getValue(), merged, platformOf.get(provider), references);
          if (MavenMetadata.isPomProperties(entryName)) {
            MavenMetadata.read(entry.getValue().bytes(), artifactsOf.get(provider));
          }
        }
      } else {
        moveToPlatform(
            name, content.entries().get(name), merged, platformOf.get(provider), references);
      }
    }
    List<PlatformContent.Part> parts = new ArrayList<>();
    for (Path jar : order) {
      TreeMap<String, String> names = platformOf.get(jar);
      if (!names.isEmpty()) {
        parts.add(new PlatformContent.Part(jar, whole.contains(jar), names, artifactsOf.get(jar)));
      }
    }
    return PlatformContent.of(parts);
  }

  /** The first jar whose application entry {@code name} is the snapshot's, or null. */
  private static Path providerOf(
      String name,
      List<Path> order,
      Map<Path, JarContent> jars,
      Map<String, SnapshotEntry> merged) {
    SnapshotEntry inSnapshot = merged.get(name);
    if (inSnapshot == null) {
      return null;
    }
    for (Path jar : order) {
      if (jars.get(jar).entries().get(name) == inSnapshot) {
        return jar;
      }
    }
    return null; // a directory file: the application's own
  }

  private static void moveToPlatform(
      String name,
      SnapshotEntry entry,
      Map<String, SnapshotEntry> merged,
      TreeMap<String, String> platform,
      Deque<String> references) {
    if (merged.get(name) == entry) {
      merged.remove(name);
    }
    platform.put(name, entry.length() + ":" + HexFormat.of().formatHex(entry.hash()));
    if (name.endsWith(CLASS_SUFFIX)) {
      Set<String> found = new HashSet<>();
      JarContent.addReferences(entry.bytes(), found);
      references.addAll(found);
    }
  }
}
