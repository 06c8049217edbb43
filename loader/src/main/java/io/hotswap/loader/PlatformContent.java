package io.hotswap.loader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What platform code a code source ships and a snapshot leaves out (see {@link PlatformPackages}
 * and {@link PlatformSplit}): per jar, the platform entries, or the whole jar; the platform
 * artifacts its Maven metadata names ({@code io.vertx:vertx-core} → {@code 5.0.7}); and a digest of
 * every platform entry's name and content key. The host runs the platform it started with, so a
 * later build whose platform differs can only be restarted, and {@link #changeTo} says what
 * changed; a launcher builds the host's classpath from {@link #parts()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PlatformContent {
  /** A code source that ships no platform code. */
  public static final PlatformContent NONE = new PlatformContent(List.of(), new TreeMap<>(), "");

  private final List<Part> parts;
  private final SortedMap<String, String> artifacts;
  private final String digest;

  private PlatformContent(List<Part> parts, SortedMap<String, String> artifacts, String digest) {
    this.parts = parts;
    this.artifacts = artifacts;
    this.digest = digest;
  }

  /**
   * The platform part of one jar of the code source.
   *
   * @param jar the jar file
   * @param whole whether all of the jar is platform (a platform artifact or one the platform needs)
   * @param entries the platform entries' names, each to a key of its content
   * @param artifacts the platform artifacts the jar's Maven metadata names, to their versions
   */
  public record Part(
      Path jar, boolean whole, SortedMap<String, String> entries, Map<String, String> artifacts) {
    /** Copies the maps. */
    public Part {
      entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
      artifacts = Map.copyOf(artifacts);
    }
  }

  static PlatformContent of(List<Part> parts) {
    if (parts.isEmpty()) {
      return NONE;
    }
    TreeMap<String, String> artifacts = new TreeMap<>();
    StringBuilder all = new StringBuilder();
    for (Part part : parts) {
      artifacts.putAll(part.artifacts());
      part.entries().forEach((name, key) -> all.append(name).append('\0').append(key).append('\n'));
    }
    return new PlatformContent(List.copyOf(parts), artifacts, sha256(all.toString()));
  }

  /** The platform part of each jar that has one, in code-source order. */
  public List<Part> parts() {
    return parts;
  }

  /** The platform artifacts found, {@code groupId:artifactId} to version, sorted. */
  public Map<String, String> artifacts() {
    return Collections.unmodifiableSortedMap(artifacts);
  }

  /** How many platform entries the code source ships. */
  public int entries() {
    int count = 0;
    for (Part part : parts) {
      count += part.entries().size();
    }
    return count;
  }

  /** Whether the code source ships no platform code. */
  public boolean isEmpty() {
    return parts.isEmpty();
  }

  /**
   * What changed from this platform to {@code next}, e.g. {@code io.vertx:vertx-core 5.0.7 ->
   * 5.1.6}; empty when they are the same.
   */
  public Optional<String> changeTo(PlatformContent next) {
    if (digest.equals(next.digest)) {
      return Optional.empty();
    }
    List<String> changes = new ArrayList<>();
    TreeMap<String, String> all = new TreeMap<>(artifacts);
    all.putAll(next.artifacts);
    for (String artifact : all.keySet()) {
      String before = artifacts.get(artifact);
      String after = next.artifacts.get(artifact);
      if (before == null) {
        changes.add(artifact + " " + after + " added");
      } else if (after == null) {
        changes.add(artifact + " " + before + " removed");
      } else if (!before.equals(after)) {
        changes.add(artifact + " " + before + " -> " + after);
      }
    }
    if (changes.isEmpty()) {
      changes.add(
          "the platform classes changed ("
              + entries()
              + " -> "
              + next.entries()
              + " entries, same artifact versions)");
    }
    return Optional.of(String.join(", ", changes));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlatformContent that && digest.equals(that.digest);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return isEmpty() ? "no platform code" : entries() + " platform entries " + artifacts;
  }

  private static String sha256(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
