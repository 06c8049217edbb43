package io.hotswap.loader;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes snapshots of one code source, re-reading only what changed since the previous take.
 *
 * <p>Design notes: the snapshotter keeps, per directory file, its size, modification time and
 * bytes, and per jar the same for the whole jar. A take walks the code source and re-reads a file
 * or jar only when its size or modification time differ. A file modified within {@value
 * #RACY_WINDOW_MILLIS} ms before it was read is re-read at the next take as well, because on file
 * systems with coarse timestamps a second write in the same tick would keep size and time (Git
 * calls these entries "racily clean"). A file that vanishes during the walk is simply absent. One
 * snapshotter per code source; {@link #take()} is synchronized, so the class is thread-safe.
 *
 * <p>Each file's or jar entry's content is hashed once, when it is read (a re-read that finds the
 * same bytes keeps the old hash), and kept with it. When no jar changed, the next snapshot is the
 * previous one edited ({@link SnapshotEdit}): only the files read with new content and the files
 * gone are put or removed, so a one-file change hashes one entry and touches O(log n) of the name
 * index. A changed jar, or the first take, builds the snapshot whole from the kept entries.
 */
public final class Snapshotter {

  private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);
  static final long RACY_WINDOW_MILLIS = 2_000;

  /** Jars directly in {@code lib/} are read as jars, not as files. */
  private static final String LIB_PREFIX = "lib/";

  private final CodeSource source;
  private final EntryHasher hasher;
  private Map<String, FileState> files = new HashMap<>();
  private Map<Path, JarState> jars = new HashMap<>();
  private Snapshot previous;
  private SnapshotStats lastStats = SnapshotStats.NONE;

  /** A snapshotter for {@code source}; nothing is read until {@link #take()}. */
  public Snapshotter(CodeSource source) {
    this(source, EntryHasher.SHA_256);
  }

  /** A snapshotter for {@code source} hashing entries with {@code hasher}; for tests that count. */
  Snapshotter(CodeSource source, EntryHasher hasher) {
    this.source = Objects.requireNonNull(source, "source");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
  }

  /**
   * The platform code {@code source} ships (see {@link PlatformContent}). Only jars can ship it — a
   * directory's own files in platform packages are left out, not recorded — so a directory without
   * {@code lib/*.jar} is read no further.
   *
   * @throws IOException as {@link #take()}
   */
  public static PlatformContent platformOf(CodeSource source) throws IOException {
    if (source instanceof CodeSource.Directory directory) {
      Path lib = directory.path().resolve(LIB_PREFIX);
      if (!Files.isDirectory(lib)) {
        return PlatformContent.NONE;
      }
      try (java.util.stream.Stream<Path> files = Files.list(lib)) {
        if (files.noneMatch(file -> file.getFileName().toString().endsWith(".jar"))) {
          return PlatformContent.NONE;
        }
      }
    }
    return new Snapshotter(source).take().platform();
  }

  /** The code source this snapshotter reads. */
  public CodeSource source() {
    return source;
  }

  /**
   * Takes an immutable snapshot of the code source as it is now.
   *
   * @throws IOException when the code source is missing, when it or one of its files cannot be read
   *     (a file that vanished during the walk is not an error), or when a jar is not a valid zip
   *     file
   */
  public synchronized Snapshot take() throws IOException {
    long started = System.currentTimeMillis();
    if (!Files.exists(source.path())) {
      // Not "an empty snapshot": during a clean build the whole code source vanishes for a while.
      throw new NoSuchFileException(source.path().toString(), null, "code source is missing");
    }
    Take take = new Take(started);
    if (source instanceof CodeSource.Jar jar) {
      take.readJarWithClassPath(jar.path());
    } else {
      take.walkDirectory(source.path());
    }
    Instant takenAt = Instant.ofEpochMilli(started);
    // Every jar reused and none gone: the jars hold what the previous snapshot was built from.
    boolean jarsUnchanged = take.jarsRead == 0 && take.nextJars.size() == jars.size();
    Snapshot next;
    if (previous != null && jarsUnchanged) {
      next = take.edit(previous, takenAt);
    } else {
      TreeMap<String, SnapshotEntry> merged = take.merge();
      next = Snapshot.owning(merged, take.splitPlatform(merged), takenAt);
    }
    files = take.nextFiles;
    jars = take.nextJars;
    lastStats = new SnapshotStats(take.filesRead, take.filesReused, take.jarsRead, take.jarsReused);
    previous = next;
    LOG.debug("Snapshot {} of {}: {}", previous.id(), source.path(), lastStats);
    return previous;
  }

  /** What the most recent {@link #take()} read and reused. */
  public synchronized SnapshotStats lastStats() {
    return lastStats;
  }

  /** One take: the walk's state, building the next per-file and per-jar maps. */
  private final class Take {
    private final long startedMillis;
    private final Map<String, FileState> nextFiles = new HashMap<>();
    private final Map<Path, JarState> nextJars = new HashMap<>();
    private final List<Path> jarOrder = new ArrayList<>();
    private final List<String> changedFiles = new ArrayList<>();
    private int filesRead;
    private int filesReplaced;
    private int filesReused;
    private int jarsRead;
    private int jarsReused;

    Take(long startedMillis) {
      this.startedMillis = startedMillis;
    }

    void walkDirectory(Path root) throws IOException {
      // Each directory's entry-name prefix ("", "com/", "com/acme/"), built once per directory
      // rather than a relative path and a name per file.
      Deque<String> prefixes = new ArrayDeque<>();
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              prefixes.push(prefixes.isEmpty() ? "" : prefixes.peek() + dir.getFileName() + "/");
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              prefixes.pop();
              if (e != null) {
                throw e;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (attrs.isRegularFile()) {
                String prefix = prefixes.isEmpty() ? "" : prefixes.peek();
                String fileName = file.getFileName().toString();
                if (prefix.equals(LIB_PREFIX) && fileName.endsWith(".jar")) {
                  jarOrder.add(file);
                } else if (!PlatformPackages.isPlatformEntry(prefix + fileName)) {
                  readFile(prefix + fileName, file, attrs);
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE; // vanished during the walk: simply absent
              }
              throw e;
            }
          });
      jarOrder.sort(null);
      for (Path jar : jarOrder) {
        readJar(jar);
      }
    }

    private void readFile(String name, Path file, BasicFileAttributes attrs) throws IOException {
      FileState known = files.get(name);
      if (known != null && known.matches(attrs.size(), attrs.lastModifiedTime())) {
        nextFiles.put(name, known);
        filesReused++;
        return;
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        return;
      }
      filesRead++;
      SnapshotEntry knownEntry = known == null ? null : known.entry();
      if (known != null) {
        filesReplaced++;
      }
      SnapshotEntry entry = SnapshotEntry.reusing(knownEntry, bytes, hasher);
      if (entry != knownEntry) {
        changedFiles.add(name);
      }
      // A length other than the walk's size means the file was being written: re-read next time.
      boolean racy = bytes.length != attrs.size() || isRacy(attrs.lastModifiedTime());
      nextFiles.put(name, new FileState(attrs.size(), attrs.lastModifiedTime(), entry, racy));
    }

    /**
     * Reads {@code jar}, then the jars its manifest's {@code Class-Path} names, in that order, as
     * {@code java -jar} would put them on the class path (a thin jar beside its {@code lib/});
     * entries that are missing, not jars or not files are skipped, as the JVM skips them.
     */
    void readJarWithClassPath(Path jar) throws IOException {
      jarOrder.add(jar);
      readJar(jar);
      JarState main = nextJars.get(jar);
      if (main == null) {
        return;
      }
      for (Path dependency : ManifestClassPath.resolve(jar, main.content().classPath())) {
        if (!jarOrder.contains(dependency)) {
          jarOrder.add(dependency);
          readJar(dependency);
        }
      }
    }

    void readJar(Path jar) throws IOException {
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(jar, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        return;
      }
      JarState known = jars.get(jar);
      if (known != null && known.matches(attrs.size(), attrs.lastModifiedTime())) {
        nextJars.put(jar, known);
        jarsReused++;
        return;
      }
      JarContent content;
      try {
        content = JarContent.read(jar, known == null ? null : known.content(), hasher);
      } catch (NoSuchFileException e) {
        return;
      }
      jarsRead++;
      nextJars.put(
          jar,
          new JarState(
              attrs.size(), attrs.lastModifiedTime(), content, isRacy(attrs.lastModifiedTime())));
    }

    /**
     * {@code previous} with this take's changes: the files read with new content put, the files
     * gone removed (or put from the first jar that has them). The jars must be unchanged.
     */
    Snapshot edit(Snapshot previous, Instant takenAt) {
      SnapshotEdit edit = previous.edit();
      for (String name : changedFiles) {
        edit.put(name, nextFiles.get(name).entry());
      }
      if (filesReused + filesReplaced < files.size()) {
        for (String name : files.keySet()) {
          if (!nextFiles.containsKey(name)) {
            SnapshotEntry fromJar = jarEntry(name, previous);
            if (fromJar == null) {
              edit.remove(name);
            } else {
              edit.put(name, fromJar);
            }
          }
        }
      }
      return edit.changes() == 0 ? Snapshot.retaken(previous, takenAt) : edit.build(takenAt);
    }

    /**
     * The entry {@code name} of the first jar in path order that has it, or {@code null}; never one
     * the platform split took to the host.
     */
    private SnapshotEntry jarEntry(String name, Snapshot previous) {
      for (PlatformContent.Part part : previous.platform().parts()) {
        if (part.entries().containsKey(name)) {
          return null;
        }
      }
      for (Path jar : jarOrder) {
        JarState state = nextJars.get(jar);
        SnapshotEntry entry = state == null ? null : state.entries().get(name);
        if (entry != null) {
          return entry;
        }
      }
      return null;
    }

    /**
     * Leaves the platform part of the jars out of {@code merged} (see {@link PlatformSplit}) and
     * describes it.
     */
    PlatformContent splitPlatform(TreeMap<String, SnapshotEntry> merged) throws IOException {
      Map<Path, JarContent> contents = new HashMap<>();
      nextJars.forEach((jar, state) -> contents.put(jar, state.content()));
      return PlatformSplit.apply(jarOrder, contents, merged);
    }

    /** Directory entries first, then each jar's in path order: the first occurrence wins. */
    TreeMap<String, SnapshotEntry> merge() {
      TreeMap<String, SnapshotEntry> merged = new TreeMap<>();
      nextFiles.forEach((name, state) -> merged.put(name, state.entry()));
      for (Path jar : jarOrder) {
        JarState state = nextJars.get(jar);
        if (state != null) {
          state.entries().forEach(merged::putIfAbsent);
        }
      }
      return merged;
    }

    private boolean isRacy(FileTime modified) {
      return modified.toMillis() > startedMillis - RACY_WINDOW_MILLIS;
    }
  }

  /** A directory file as last read. */
  private record FileState(long size, FileTime modified, SnapshotEntry entry, boolean racy) {
    boolean matches(long otherSize, FileTime otherModified) {
      return !racy && size == otherSize && modified.equals(otherModified);
    }
  }

  /** A jar as last read. */
  private record JarState(long size, FileTime modified, JarContent content, boolean racy) {
    Map<String, SnapshotEntry> entries() {
      return content.entries();
    }

    boolean matches(long otherSize, FileTime otherModified) {
      return !racy && size == otherSize && modified.equals(otherModified);
    }
  }
}
