package io.hotswap.loader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One jar of a code source as read for a snapshot: its application entries (with their bytes and
 * hashes) and its platform part (see {@link PlatformPackages}) — the platform entries' names, sizes
 * and CRCs, the platform artifacts its Maven metadata names, and the classes its platform classes
 * refer to, from which {@link PlatformSplit} finds the platform's own dependencies. A jar whose
 * Maven metadata names platform artifacts only ({@code lib/vertx-web.jar}) is platform whole. The
 * manifest's {@code Class-Path}, if any, is kept as written, for {@link Snapshotter} to follow.
 *
 * <p>Immutable and thread-safe once read.
 */
record JarContent(
    Map<String, SnapshotEntry> entries,
    Map<String, String> platformEntries,
    Map<String, String> artifacts,
    Set<String> platformReferences,
    boolean wholePlatform,
    int artifactCount,
    List<String> classPath) {

  private static final String CLASS_SUFFIX = ".class";
  private static final String VERTX_VERSION = "META-INF/vertx/vertx-version.txt";

  /** Whether the jar is one artifact's (at most one Maven metadata), not a fat jar. */
  boolean singleArtifact() {
    return artifactCount <= 1;
  }

  /**
   * Reads {@code jar}, keeping the hashed entries of {@code known} (the jar as last read, or null)
   * where the bytes are the same, and its platform part's references when that part is unchanged.
   *
   * @throws IOException when the jar cannot be read or is not a zip file
   */
  static JarContent read(Path jar, JarContent known, EntryHasher hasher) throws IOException {
    Map<String, SnapshotEntry> entries = new HashMap<>();
    Map<String, String> platform = new TreeMap<>();
    Map<String, String> artifacts = new TreeMap<>();
    Set<String> references = new HashSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      java.util.jar.Manifest manifest = manifest(zip);
      int artifactCount = 0;
      boolean onlyPlatformArtifacts = true;
      Enumeration<? extends ZipEntry> scan = zip.entries();
      while (scan.hasMoreElements()) {
        String name = scan.nextElement().getName();
        if (MavenMetadata.isPomProperties(name)) {
          String group = MavenMetadata.groupOf(name);
          artifactCount++;
          onlyPlatformArtifacts &= PlatformPackages.isPlatformGroup(group);
        }
      }
      if (artifactCount == 0) {
        // No Maven metadata: the manifest may name the artifact (Vert.x 5.1 jars do).
        Map<String, String> named = new TreeMap<>();
        String group = manifestArtifact(manifest, named);
        if (group != null) {
          artifactCount = 1;
          onlyPlatformArtifacts = PlatformPackages.isPlatformGroup(group);
          if (onlyPlatformArtifacts) {
            artifacts.putAll(named);
          }
        }
      }
      boolean whole = artifactCount > 0 && onlyPlatformArtifacts;
      List<ZipEntry> application = new ArrayList<>();
      List<ZipEntry> platformEntries = new ArrayList<>();
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        String name = entry.getName();
        if (entry.isDirectory() || name.isEmpty() || name.startsWith("/")) {
          continue;
        }
        if (whole || PlatformPackages.isPlatformEntry(name)) {
          if (platform.putIfAbsent(name, entry.getSize() + ":" + Long.toHexString(entry.getCrc()))
              == null) {
            platformEntries.add(entry);
          }
        } else {
          application.add(entry);
        }
      }
      if (known != null && known.platformEntries().equals(platform)) {
        // The same platform as last time (a rebuilt application, the same Vert.x): what its
        // classes refer to is known, and its bytes need no reading.
        artifacts.putAll(known.artifacts());
        references.addAll(known.platformReferences());
      } else {
        for (ZipEntry entry : platformEntries) {
          readPlatformEntry(zip, entry, artifacts, references);
        }
      }
      Map<String, SnapshotEntry> knownEntries = known == null ? Map.of() : known.entries();
      for (ZipEntry entry : application) {
        String name = entry.getName();
        if (entries.containsKey(name)) {
          continue;
        }
        try (InputStream in = zip.getInputStream(entry)) {
          entries.put(
              name, SnapshotEntry.reusing(knownEntries.get(name), in.readAllBytes(), hasher));
        }
      }
      return new JarContent(
          entries,
          platform,
          artifacts,
          references,
          whole,
          artifactCount,
          ManifestClassPath.entries(manifest));
    }
  }

  private static void readPlatformEntry(
      ZipFile zip, ZipEntry entry, Map<String, String> artifacts, Set<String> references)
      throws IOException {
    String name = entry.getName();
    if (MavenMetadata.isPomProperties(name)) {
      try (InputStream in = zip.getInputStream(entry)) {
        MavenMetadata.read(in.readAllBytes(), artifacts);
      }
    } else if (name.equals(VERTX_VERSION)) {
      // vertx-core's own version: what tells a fat jar's Vert.x when shade dropped the manifests
      // and the metadata (Vert.x 5.1 jars have no pom.properties)
      try (InputStream in = zip.getInputStream(entry)) {
        artifacts.putIfAbsent(
            "io.vertx:vertx-core",
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim());
      }
    } else if (name.endsWith(CLASS_SUFFIX)) {
      try (InputStream in = zip.getInputStream(entry)) {
        addReferences(in.readAllBytes(), references);
      }
    }
  }

  /** Adds the classes a class file refers to; nothing when the bytes are not a class file. */
  static void addReferences(byte[] classFile, Set<String> references) {
    try {
      references.addAll(ClassReferences.of(ByteBuffer.wrap(classFile)));
    } catch (IllegalArgumentException | java.nio.BufferUnderflowException notAClass) {
      // a resource named .class, or a damaged one: it refers to nothing
    }
  }

  /** The jar's manifest, or null when it has none. */
  private static java.util.jar.Manifest manifest(ZipFile zip) throws IOException {
    ZipEntry entry = zip.getEntry("META-INF/MANIFEST.MF");
    if (entry == null) {
      return null;
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return new java.util.jar.Manifest(in);
    }
  }

  /**
   * The group of the artifact the jar's manifest names ({@code Maven-Group-Id}, {@code
   * Maven-Artifact-Id}, {@code Maven-Version}, as Vert.x 5.1 jars carry instead of Maven metadata),
   * recorded in {@code artifacts}; null when it names none.
   */
  private static String manifestArtifact(
      java.util.jar.Manifest manifest, Map<String, String> artifacts) {
    if (manifest == null) {
      return null;
    }
    java.util.jar.Attributes main = manifest.getMainAttributes();
    String group = main.getValue("Maven-Group-Id");
    String artifact = main.getValue("Maven-Artifact-Id");
    String version = main.getValue("Maven-Version");
    if (group == null || artifact == null || version == null) {
      return null;
    }
    artifacts.put(group + ":" + artifact, version);
    return group;
  }
}
