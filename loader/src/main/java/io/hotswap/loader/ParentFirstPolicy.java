package io.hotswap.loader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The reload boundary: which classes and resources a generation loader asks its parent for first.
 *
 * <p>Parent-first classes are shared with the host and never reload (the JDK, Vert.x, Netty, SLF4J,
 * Jackson, the hotswap API package and the packages the user lists); everything else in a snapshot
 * is child-first. A package name covers the package and its subpackages. Immutable and thread-safe.
 */
public final class ParentFirstPolicy {

  private static final List<String> DEFAULT_PREFIXES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "io.vertx.",
          "io.netty.",
          "org.slf4j.",
          "com.fasterxml.jackson.",
          "io.hotswap.api.");

  private static final ParentFirstPolicy DEFAULTS = new ParentFirstPolicy(DEFAULT_PREFIXES);

  private final List<String> prefixes;
  private final List<String> resourcePrefixes;

  private ParentFirstPolicy(List<String> prefixes) {
    this.prefixes = List.copyOf(prefixes);
    List<String> paths = new ArrayList<>(prefixes.size());
    for (String prefix : prefixes) {
      paths.add(prefix.replace('.', '/'));
    }
    this.resourcePrefixes = List.copyOf(paths);
  }

  /** The JDK, Vert.x, Netty, SLF4J, Jackson and the {@code io.hotswap.api} package. */
  public static ParentFirstPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * This policy plus {@code packages}, each covering the package and its subpackages.
   *
   * @param packages package names such as {@code com.acme.shared}; a trailing {@code .} or {@code
   *     .*} is accepted
   * @throws IllegalArgumentException when a name is blank or contains {@code /}
   */
  public ParentFirstPolicy withPackages(Collection<String> packages) {
    Set<String> merged = new LinkedHashSet<>(prefixes);
    for (String name : packages) {
      merged.add(prefixOf(name));
    }
    return new ParentFirstPolicy(new ArrayList<>(merged));
  }

  /**
   * Whether the class with this binary name ({@code com.acme.Foo$Bar}) is asked of the parent
   * first.
   */
  public boolean isParentFirst(String binaryClassName) {
    for (String prefix : prefixes) {
      if (binaryClassName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the resource with this name ({@code com/acme/shared/x.txt}) is asked of the parent
   * first: the same rule as for classes, on the path form.
   */
  public boolean isParentFirstResource(String resourceName) {
    String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
    for (String prefix : resourcePrefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The class-name prefixes, each ending with {@code .}, in the order they were added. */
  public List<String> prefixes() {
    return prefixes;
  }

  private static String prefixOf(String packageName) {
    Objects.requireNonNull(packageName, "package name");
    String name = packageName.strip();
    if (name.endsWith(".*")) {
      name = name.substring(0, name.length() - 2);
    }
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("Not a package name: '" + packageName + "'");
    }
    return name + ".";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ParentFirstPolicy policy && prefixes.equals(policy.prefixes);
  }

  @Override
  public int hashCode() {
    return prefixes.hashCode();
  }

  @Override
  public String toString() {
    return "ParentFirstPolicy" + prefixes;
  }
}
